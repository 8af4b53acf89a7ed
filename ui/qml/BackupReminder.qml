// Home's reminder while the seed-words backup has not been checked ("Later" snoozes it).
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

Rectangle {
    objectName: "backupReminder"
    visible: seed.reminderDue
    radius: 12
    color: Material.theme === Material.Dark ? "#3a3220" : "#fff6dc"
    border.color: Material.theme === Material.Dark ? "#7a6430" : "#ecd48a"
    implicitHeight: visible ? column.implicitHeight + 20 : 0
    ColumnLayout {
        id: column
        anchors.fill: parent
        anchors.margins: 10
        anchors.leftMargin: 14
        spacing: 2
        Label {
            text: qsTr("Your seed words are not backed up yet. Without them, a lost device means lost money.")
            wrapMode: Text.Wrap
            font.pixelSize: 14
            Layout.fillWidth: true
        }
        RowLayout {
            Layout.alignment: Qt.AlignRight
            Button {
                objectName: "backupLaterButton"
                text: qsTr("Later")
                flat: true
                onClicked: seed.later()
            }
            Button {
                objectName: "backupNowButton"
                text: qsTr("Back up now")
                highlighted: true
                flat: true
                onClicked: window.show("SeedPage.qml")
            }
        }
    }
}
