import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

Page {
    id: page
    objectName: "unlockPage"
    readonly property bool opening: session.state === "opening"
    StackView.onActivated: password.forceActiveFocus()  // type the password at once

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 24
        spacing: 16
        Item { Layout.fillHeight: true }
        Image { source: iconsDir + "kite.svg"; sourceSize: Qt.size(96, 96); Layout.alignment: Qt.AlignHCenter }
        Label {
            text: qsTr("Welcome back")
            font.pixelSize: 28
            font.weight: Font.Bold
            Layout.alignment: Qt.AlignHCenter
        }
        Item { Layout.fillHeight: true }
        TextField {
            id: password
            objectName: "unlockPassword"
            placeholderText: qsTr("Password")
            echoMode: TextInput.Password
            font.pixelSize: 18
            enabled: !page.opening
            Layout.fillWidth: true
            onAccepted: if (session.canOpen) session.unlock(text)
        }
        ErrorBox { objectName: "unlockError"; message: session.error; detail: session.errorDetail }
        // a `kite daemon` runs this wallet: one node per wallet, so stop it to open here
        KiteButton {
            objectName: "stopDaemonButton"
            visible: session.daemonRunning && !page.opening
            text: qsTr("Stop the daemon and open here")
            primary: false
            enabled: password.text.length > 0
            Layout.fillWidth: true
            onClicked: session.stopDaemonAndOpen(password.text)
        }
        Label {
            visible: !session.canOpen
            text: qsTr("This version of Kite cannot open the wallet yet.")
            wrapMode: Text.Wrap
            opacity: 0.7
            Layout.fillWidth: true
        }
        RowLayout {
            visible: page.opening
            Layout.alignment: Qt.AlignHCenter
            BusyIndicator { running: page.opening; implicitWidth: 40; implicitHeight: 40 }
            Label { text: qsTr("Opening…"); font.pixelSize: 15 }
        }
        KiteButton {
            objectName: "unlockButton"
            text: qsTr("Unlock")
            enabled: session.canOpen && !page.opening && password.text.length > 0
            Layout.fillWidth: true
            onClicked: session.unlock(password.text)
        }
    }
}
