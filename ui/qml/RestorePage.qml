import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

Page {
    id: page
    objectName: "restorePage"
    StackView.onActivated: wordsArea.forceActiveFocus()  // type or paste the words at once
    property bool advanced: false
    header: PageHeader { title: qsTr("Restore a wallet"); onBack: window.stack.pop() }

    Flickable {
        anchors.fill: parent
        contentHeight: column.implicitHeight + 48
        clip: true
        ColumnLayout {
            id: column
            x: 24
            y: 8
            width: parent.width - 48
            spacing: 12

            Label {
                text: qsTr("Type your seed words in order, separated by spaces.")
                wrapMode: Text.Wrap
                font.pixelSize: 15
                Layout.fillWidth: true
            }
            TextArea {
                id: wordsArea
                objectName: "restoreWords"
                placeholderText: qsTr("12 or 24 words")
                wrapMode: TextEdit.Wrap
                font.pixelSize: 18
                inputMethodHints: Qt.ImhNoPredictiveText | Qt.ImhNoAutoUppercase | Qt.ImhSensitiveData
                Layout.fillWidth: true
                Layout.minimumHeight: 130
                onTextChanged: onboarding.checkRestore(text)
            }
            Flow {
                spacing: 8
                Layout.fillWidth: true
                visible: onboarding.restoreSuggestions.length > 0
                Repeater {
                    model: onboarding.restoreSuggestions
                    Rectangle {
                        objectName: "suggestionChip" + index
                        radius: 18
                        height: 40
                        width: chipLabel.implicitWidth + 32
                        color: Material.theme === Material.Dark ? "#2f3a52" : "#dfe8fb"
                        Label {
                            id: chipLabel
                            anchors.centerIn: parent
                            text: modelData
                            font.pixelSize: 16
                        }
                        TapHandler {
                            onTapped: {
                                wordsArea.text = onboarding.completeWord(wordsArea.text, modelData)
                                wordsArea.cursorPosition = wordsArea.length
                                wordsArea.forceActiveFocus()
                            }
                        }
                    }
                }
            }
            Label {
                objectName: "restoreStatus"
                visible: text.length > 0 && onboarding.restoreError.length === 0
                text: onboarding.restoreStatus
                color: onboarding.restoreValid ? "#2e9d57" : Material.foreground
                opacity: onboarding.restoreValid ? 1 : 0.7
                font.pixelSize: 14
                Layout.fillWidth: true
                wrapMode: Text.Wrap
            }
            ErrorBox { objectName: "restoreError"; message: onboarding.restoreError }

            Label {
                text: page.advanced ? qsTr("Hide passphrase") : qsTr("I also used a passphrase")
                color: Material.accent
                font.pixelSize: 14
                TapHandler { onTapped: page.advanced = !page.advanced }
            }
            TextField {
                id: passphrase
                objectName: "restorePassphrase"
                visible: page.advanced
                placeholderText: qsTr("Passphrase (optional, not your password)")
                echoMode: TextInput.Password
                Layout.fillWidth: true
            }
            Label {
                visible: page.advanced
                text: qsTr("Only if you chose one when you made the wallet: a different passphrase opens a different, empty wallet.")
                wrapMode: Text.Wrap
                opacity: 0.65
                font.pixelSize: 13
                Layout.fillWidth: true
            }
            KiteButton {
                objectName: "restoreContinueButton"
                text: qsTr("Continue")
                enabled: onboarding.restoreValid
                Layout.fillWidth: true
                Layout.topMargin: 8
                onClicked: window.show("PasswordPage.qml", { passphrase: passphrase.text })
            }
        }
    }
}
