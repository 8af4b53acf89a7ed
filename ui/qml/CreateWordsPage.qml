import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

Page {
    id: page
    objectName: "createWordsPage"
    property bool advanced: false
    readonly property string passphraseProblem: advanced ? onboarding.passphraseProblem(passphrase.text, passphraseAgain.text) : ""
    header: PageHeader { title: qsTr("Your seed words"); onBack: window.stack.pop() }

    Flickable {
        anchors.fill: parent
        contentHeight: column.implicitHeight + 48
        clip: true
        ColumnLayout {
            id: column
            x: 24
            y: 8
            width: parent.width - 48
            spacing: 16

            Label {
                objectName: "seedWordsSentence"
                text: qsTr("Write these 12 words on paper, in this order, and keep it safe. They are how you get your money back if this device is lost. ") + onboarding.seedWordsRestore + qsTr(" Never type them into a website or share them with anyone.")
                wrapMode: Text.Wrap
                font.pixelSize: 15
                Layout.fillWidth: true
            }
            Card {
                implicitHeight: grid.implicitHeight + 32
                GridLayout {
                    id: grid
                    anchors.fill: parent
                    anchors.margins: 16
                    columns: 2
                    rowSpacing: 10
                    columnSpacing: 16
                    Repeater {
                        model: onboarding.words
                        RowLayout {
                            Layout.fillWidth: true
                            Layout.preferredWidth: 1
                            Label {
                                text: (index + 1) + "."
                                opacity: 0.55
                                font.pixelSize: 15
                                horizontalAlignment: Text.AlignRight
                                Layout.preferredWidth: 26
                            }
                            Label {
                                objectName: "seedWord" + (index + 1)
                                text: modelData
                                font.pixelSize: 18
                                font.weight: Font.DemiBold
                                Layout.fillWidth: true
                            }
                        }
                    }
                }
            }
            Button {
                objectName: "passphraseToggle"
                flat: true
                text: page.advanced ? qsTr("No passphrase") : qsTr("Add a passphrase (advanced)")
                onClicked: page.advanced = !page.advanced
            }
            ColumnLayout {
                visible: page.advanced
                spacing: 8
                Layout.fillWidth: true
                Label {
                    objectName: "passphraseWarning"
                    text: qsTr("A passphrase is an extra word of your own that the seed words need: without it they open a different, empty wallet. Write it down with the words: to restore this wallet you will need both, and nobody can recover a forgotten passphrase.")
                    wrapMode: Text.Wrap
                    color: "#c0392b"
                    font.pixelSize: 14
                    Layout.fillWidth: true
                }
                TextField {
                    id: passphrase
                    objectName: "passphraseField"
                    placeholderText: qsTr("Passphrase")
                    inputMethodHints: Qt.ImhNoPredictiveText | Qt.ImhSensitiveData
                    font.pixelSize: 16
                    Layout.fillWidth: true
                }
                TextField {
                    id: passphraseAgain
                    objectName: "passphraseAgainField"
                    placeholderText: qsTr("Passphrase again")
                    inputMethodHints: Qt.ImhNoPredictiveText | Qt.ImhSensitiveData
                    font.pixelSize: 16
                    Layout.fillWidth: true
                }
                Label {
                    objectName: "passphraseProblem"
                    visible: page.passphraseProblem.length > 0 && passphraseAgain.text.length > 0
                    text: page.passphraseProblem
                    color: "#d93a3a"
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
            }
            KiteButton {
                objectName: "wordsWrittenButton"
                text: qsTr("I have written them down")
                enabled: page.passphraseProblem.length === 0
                Layout.fillWidth: true
                onClicked: {
                    if (onboarding.usePassphrase(page.advanced ? passphrase.text : "", page.advanced ? passphraseAgain.text : ""))
                        window.show("CheckWordsPage.qml")
                }
            }
        }
    }
}
