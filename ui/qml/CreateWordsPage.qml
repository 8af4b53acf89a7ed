import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

Page {
    objectName: "createWordsPage"
    header: PageHeader { title: "Your seed words"; onBack: window.stack.pop() }

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
                text: "Write these 12 words on paper, in this order, and keep it safe. They are how you get your money back if this device is lost. " + onboarding.seedWordsRestore + " Never type them into a website or share them with anyone."
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
            KiteButton {
                objectName: "wordsWrittenButton"
                text: "I have written them down"
                Layout.fillWidth: true
                onClicked: window.show("CheckWordsPage.qml")
            }
        }
    }
}
