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
            Label { text: "Maximum Lightning fee per payment"; opacity: 0.65; font.pixelSize: 13; Layout.topMargin: 8 }
            RowLayout {
                spacing: 8
                Layout.fillWidth: true
                TextField {
                    objectName: "maxFeePercentField"
                    text: String(settings.maxFeePercent)
                    inputMethodHints: Qt.ImhFormattedNumbersOnly
                    validator: DoubleValidator { bottom: 0; top: 10; decimals: 2; notation: DoubleValidator.StandardNotation }
                    font.pixelSize: 16
                    Layout.preferredWidth: 80
                    onEditingFinished: if (acceptableInput) settings.maxFeePercent = Number(text)
                }
                Label { text: "% of the amount, at least"; font.pixelSize: 14 }
                TextField {
                    objectName: "maxFeeFloorField"
                    text: String(settings.maxFeeFloorSat)
                    inputMethodHints: Qt.ImhDigitsOnly
                    validator: IntValidator { bottom: 0; top: 1000000 }
                    font.pixelSize: 16
                    Layout.preferredWidth: 80
                    onEditingFinished: if (acceptableInput) settings.maxFeeFloorSat = parseInt(text)
                }
                Label { text: "sat"; font.pixelSize: 14 }
            }
            Label {
                text: "For a 2 100 sat coffee: at most " + settings.formatSat(settings.feeCapSat(2100))
                      + "; for 1 000 000 sat: at most " + settings.formatSat(settings.feeCapSat(1000000)) + "."
                opacity: 0.6
                font.pixelSize: 12
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }

            RowLayout {
                spacing: 8
                Layout.fillWidth: true
                Layout.topMargin: 8
                Label { text: "Recoverable channels"; font.pixelSize: 14; Layout.fillWidth: true }
                Switch {
                    objectName: "recoverableSwitch"
                    checked: channels.recoverable
                    enabled: channels.recoverableText.length > 0
                    onToggled: channels.setRecoverable(checked)
                }
            }
            Label {
                objectName: "recoverableText"
                text: channels.recoverableText
                opacity: 0.6
                font.pixelSize: 12
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }

            Label { text: "About"; font.pixelSize: 15; font.weight: Font.DemiBold; color: Material.accent; Layout.topMargin: 16 }
            InfoRow { label: "Version"; value: "Kite " + session.version }
            InfoRow { label: "Network"; value: session.network }
            InfoRow { objectName: "serverRow"; label: "Server"; value: walletModel.server.length > 0 ? walletModel.server : "None connected"; mono: walletModel.server.length > 0 }
            InfoRow { label: "Node id"; value: session.nodeId.length > 0 ? session.nodeId : "Shown once the wallet is open"; mono: session.nodeId.length > 0; copyable: session.nodeId.length > 0 }
            InfoRow { label: "Wallet folder"; value: session.walletPath; mono: true }
        }
    }
}
