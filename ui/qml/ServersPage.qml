// Electrum servers: each with what happened when Kite tried it; add one, remove one you
// added, use one alone or let Kite pick (automatic). Changes are saved and Kite reconnects.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

Page {
    objectName: "serversPage"
    header: PageHeader { title: qsTr("Servers"); onBack: window.stack.pop() }
    readonly property bool dark: Material.theme === Material.Dark
    Component.onCompleted: { servers.clearError(); servers.refresh() }
    StackView.onActivated: serverField.forceActiveFocus()  // type (or paste) a server at once
    Connections {
        target: servers
        function onAdded() { serverField.text = ""; fingerprintField.text = "" }
    }

    Flickable {
        anchors.fill: parent
        contentHeight: column.implicitHeight + 40
        clip: true
        ColumnLayout {
            id: column
            x: 20
            width: parent.width - 40
            spacing: 8

            Label {
                text: qsTr("Kite asks these Electrum servers about the Bitcoin chain and checks every answer. Add your own, or use one alone.")
                wrapMode: Text.Wrap
                opacity: 0.8
                Layout.fillWidth: true
                Layout.topMargin: 4
            }
            Label { text: qsTr("Add a server"); font.pixelSize: 15; font.weight: Font.DemiBold; color: Material.accent; Layout.topMargin: 8 }
            TextField {
                id: serverField
                objectName: "serverField"
                placeholderText: qsTr("HOST:PORT (add :t for no TLS)")
                font.family: "monospace"
                font.pixelSize: 14
                inputMethodHints: Qt.ImhNoAutoUppercase | Qt.ImhUrlCharactersOnly
                Layout.fillWidth: true
                onTextChanged: servers.clearError()
                onAccepted: if (addButton.enabled) addButton.clicked()
            }
            TextField {
                id: fingerprintField
                objectName: "fingerprintField"
                placeholderText: qsTr("Certificate SHA-256 (optional)")
                font.family: "monospace"
                font.pixelSize: 12
                Layout.fillWidth: true
                onTextChanged: servers.clearError()
                onAccepted: if (addButton.enabled) addButton.clicked()
            }
            Label {
                text: qsTr("Without a fingerprint, Kite trusts the certificate it sees first and refuses a different one later.")
                wrapMode: Text.Wrap
                opacity: 0.55
                font.pixelSize: 12
                Layout.fillWidth: true
            }
            ErrorBox { objectName: "serverError"; message: servers.error }
            KiteButton {
                id: addButton
                objectName: "addServerButton"
                text: servers.busy ? qsTr("Saving…") : qsTr("Add server")
                enabled: serverField.text.trim().length > 0 && !servers.busy
                Layout.fillWidth: true
                onClicked: servers.add(serverField.text, fingerprintField.text)
            }

            Label { text: qsTr("Servers"); font.pixelSize: 15; font.weight: Font.DemiBold; color: Material.accent; Layout.topMargin: 12 }
            ButtonGroup { id: choiceGroup }
            RadioButton {
                objectName: "automaticServer"
                ButtonGroup.group: choiceGroup
                text: qsTr("Automatic: any server of the list")
                checked: servers.automatic
                enabled: !servers.busy
                onClicked: if (!servers.automatic) servers.choose("")
            }
            Label {
                objectName: "noServersText"
                visible: servers.rows.length === 0
                text: qsTr("No server yet: add one above.")
                opacity: 0.7
            }
            Repeater {
                model: servers.rows
                Rectangle {
                    objectName: "serverRow_" + modelData.server
                    radius: 10
                    color: dark ? "#22262d" : "#f4f6fa"
                    implicitHeight: rowLayout.implicitHeight + 16
                    Layout.fillWidth: true
                    RowLayout {
                        id: rowLayout
                        anchors.fill: parent
                        anchors.margins: 8
                        spacing: 6
                        RadioButton {
                            objectName: "chooseServer_" + modelData.server
                            ButtonGroup.group: choiceGroup
                            checked: modelData.chosen
                            enabled: !servers.busy
                            onClicked: if (!modelData.chosen) servers.choose(modelData.server)
                            Layout.alignment: Qt.AlignTop
                        }
                        ColumnLayout {
                            spacing: 2
                            Layout.fillWidth: true
                            Label {
                                text: modelData.host
                                textFormat: Text.PlainText
                                font.family: "monospace"
                                font.pixelSize: 14
                                elide: Text.ElideMiddle
                                Layout.fillWidth: true
                            }
                            Label { text: qsTr("Port ") + modelData.port + (modelData.added ? qsTr(" · added by you") : ""); font.pixelSize: 12; opacity: 0.6 }
                            RowLayout {
                                spacing: 6
                                Rectangle {
                                    width: 8; height: 8; radius: 4
                                    color: modelData.state === "connected" || modelData.state === "answered" ? "#2e9d57"
                                         : modelData.state === "untried" ? "#9aa0a6" : "#d93a3a"
                                }
                                Label {
                                    objectName: "serverState_" + modelData.server
                                    text: modelData.stateText
                                    font.pixelSize: 13
                                    wrapMode: Text.Wrap
                                    Layout.fillWidth: true
                                }
                            }
                            Label {
                                objectName: "serverReason_" + modelData.server
                                visible: modelData.reason.length > 0 && modelData.state !== "connected"
                                text: modelData.reason
                                textFormat: Text.PlainText  // a server's words, never markup
                                font.pixelSize: 11
                                opacity: 0.55
                                wrapMode: Text.WrapAnywhere
                                maximumLineCount: 2
                                elide: Text.ElideRight
                                Layout.fillWidth: true
                            }
                        }
                        ToolButton {
                            objectName: "removeServer_" + modelData.server
                            visible: modelData.added
                            enabled: !servers.busy
                            text: qsTr("Remove")
                            font.capitalization: Font.MixedCase
                            onClicked: servers.remove(modelData.server)
                            Layout.alignment: Qt.AlignTop
                        }
                    }
                }
            }
        }
    }
}
