// kite --demo, before the demo wallet is open: what is starting, or why it could not.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

Page {
    objectName: "demoStartPage"
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 24
        spacing: 16
        Item { Layout.fillHeight: true }
        Image { source: iconsDir + "kite.svg"; sourceSize: Qt.size(96, 96); Layout.alignment: Qt.AlignHCenter }
        Label {
            text: qsTr("Kite demo")
            font.pixelSize: 28
            font.weight: Font.Bold
            Layout.alignment: Qt.AlignHCenter
        }
        Label {
            text: qsTr("A private Bitcoin network on this computer, with a Lightning trampoline and a shop to pay. Nothing here is real money.")
            wrapMode: Text.Wrap
            horizontalAlignment: Text.AlignHCenter
            opacity: 0.75
            Layout.fillWidth: true
        }
        BusyIndicator {
            running: demo.setupError.length === 0
            visible: running
            Layout.alignment: Qt.AlignHCenter
            Layout.topMargin: 16
        }
        Label {
            objectName: "demoStartStatus"
            text: demo.setupStatus
            wrapMode: Text.Wrap
            horizontalAlignment: Text.AlignHCenter
            Layout.fillWidth: true
        }
        ErrorBox { objectName: "demoStartError"; message: demo.setupError }
        Item { Layout.fillHeight: true }
    }
}
