import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

Page {
    id: page
    objectName: "passwordPage"
    property string passphrase: ""
    property bool tried: false
    readonly property string problem: onboarding.passwordProblem(password.text, confirm.text)
    header: PageHeader { title: qsTr("Choose a password"); onBack: window.stack.pop(); canGoBack: !onboarding.busy }
    StackView.onActivated: password.forceActiveFocus()  // the first field has the focus on arrival

    function submit() {
        tried = true
        if (problem.length === 0) onboarding.create(password.text, passphrase)
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 24
        spacing: 14
        Label {
            text: qsTr("The password unlocks Kite on this device. It cannot recover your wallet: your seed words do that.")
            wrapMode: Text.Wrap
            font.pixelSize: 15
            Layout.fillWidth: true
        }
        TextField {
            id: password
            objectName: "passwordField"
            placeholderText: qsTr("Password")
            echoMode: TextInput.Password
            font.pixelSize: 18
            Layout.fillWidth: true
            enabled: !onboarding.busy
        }
        TextField {
            id: confirm
            objectName: "confirmField"
            placeholderText: qsTr("Password again")
            echoMode: TextInput.Password
            font.pixelSize: 18
            Layout.fillWidth: true
            enabled: !onboarding.busy
            onAccepted: page.submit()
        }
        Label {
            objectName: "passwordProblem"
            visible: page.tried && page.problem.length > 0
            text: page.problem
            color: "#d93a3a"
            font.pixelSize: 14
        }
        ErrorBox { message: onboarding.error; detail: onboarding.errorDetail }
        Item { Layout.fillHeight: true }
        RowLayout {
            visible: onboarding.busy || session.state === "opening"
            Layout.alignment: Qt.AlignHCenter
            BusyIndicator { running: parent.visible; implicitWidth: 40; implicitHeight: 40 }
            Label { text: onboarding.busy ? qsTr("Creating your wallet…") : qsTr("Opening your wallet…"); font.pixelSize: 15 }
        }
        KiteButton {
            objectName: "createWalletButton"
            text: onboarding.mode === "restore" ? qsTr("Restore wallet") : qsTr("Create wallet")
            enabled: !onboarding.busy && session.state !== "opening"
            Layout.fillWidth: true
            onClicked: page.submit()
        }
    }
}
