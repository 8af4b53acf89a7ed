import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

Page {
    objectName: "settingsPage"
    header: PageHeader { title: "Settings"; onBack: window.stack.pop() }

    Flickable {
        anchors.fill: parent
        contentHeight: column.implicitHeight + 40
        clip: true
        ColumnLayout {
            id: column
            x: 20
            width: parent.width - 40
            spacing: 6

            Label { text: "Amounts"; font.pixelSize: 15; font.weight: Font.DemiBold; color: Material.accent; Layout.topMargin: 8 }
            ButtonGroup { id: unitGroup }
            ButtonGroup { id: themeGroup }
            RadioButton {
                objectName: "unitSat"
                ButtonGroup.group: unitGroup
                text: "Satoshis (1 BTC = 100 000 000 sat)"
                checked: settings.unit === "sat"
                onClicked: settings.unit = "sat"
            }
            RadioButton {
                objectName: "unitBtc"
                ButtonGroup.group: unitGroup
                text: "Bitcoin (BTC)"
                checked: settings.unit === "btc"
                onClicked: settings.unit = "btc"
            }

            Label { text: "Theme"; font.pixelSize: 15; font.weight: Font.DemiBold; color: Material.accent; Layout.topMargin: 16 }
            Repeater {
                model: [["system", "Follow the system"], ["light", "Light"], ["dark", "Dark"]]
                RadioButton {
                    objectName: "theme_" + modelData[0]
                    ButtonGroup.group: themeGroup
                    text: modelData[1]
                    checked: settings.theme === modelData[0]
                    onClicked: settings.theme = modelData[0]
                }
            }

            Label { text: "Lightning"; font.pixelSize: 15; font.weight: Font.DemiBold; color: Material.accent; Layout.topMargin: 16 }
            Label { text: "Trampoline peer (for new channels)"; opacity: 0.65; font.pixelSize: 13 }
            TextField {
                objectName: "trampolineField"
                text: settings.trampolinePeer
                placeholderText: channels.defaultPeer.length > 0 ? "Default: the network's trampoline" : "NODEID@HOST:PORT"
                font.family: "monospace"
                font.pixelSize: 13
                Layout.fillWidth: true
                onEditingFinished: settings.trampolinePeer = text
            }
            Label {
                objectName: "trampolineError"
                visible: settings.trampolineError.length > 0
                text: settings.trampolineError
                color: "#d93a3a"
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            Label {
                visible: settings.trampolinePeer.length === 0 && channels.defaultPeer.length > 0
                text: channels.defaultPeer
                font.family: "monospace"
                font.pixelSize: 11
                opacity: 0.55
                wrapMode: Text.WrapAnywhere
                Layout.fillWidth: true
            }
            Label { text: "Maximum Lightning fee per payment (sat)"; opacity: 0.65; font.pixelSize: 13; Layout.topMargin: 8 }
            TextField {
                objectName: "maxFeeField"
                text: String(settings.maxLightningFeeSat)
                inputMethodHints: Qt.ImhDigitsOnly
                validator: IntValidator { bottom: 0; top: 1000000 }
                font.pixelSize: 16
                Layout.fillWidth: true
                onEditingFinished: if (acceptableInput) settings.maxLightningFeeSat = parseInt(text)
            }

            Label { text: "About"; font.pixelSize: 15; font.weight: Font.DemiBold; color: Material.accent; Layout.topMargin: 16 }
            InfoRow { label: "Version"; value: "Kite " + session.version }
            InfoRow { label: "Network"; value: session.network }
            InfoRow { label: "Node id"; value: session.nodeId.length > 0 ? session.nodeId : "Shown once the wallet is open"; mono: session.nodeId.length > 0; copyable: session.nodeId.length > 0 }
            InfoRow { label: "Wallet folder"; value: session.walletPath; mono: true }
        }
    }
}
