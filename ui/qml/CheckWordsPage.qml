import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

Page {
    id: page
    objectName: "checkWordsPage"
    property string problem: ""
    header: PageHeader { title: qsTr("Check your words"); onBack: window.stack.pop() }
    StackView.onActivated: if (fields.count > 0) fields.itemAt(0).forceActiveFocus()

    function answers() {
        var out = []
        for (var i = 0; i < fields.count; i++) out.push(fields.itemAt(i).text)
        return out
    }
    function submit() {
        if (onboarding.checkAll(answers())) {
            problem = ""
            window.show("PasswordPage.qml")
        } else {
            problem = qsTr("One of these words does not match. Look at your paper again, or go back to see the words.")
        }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 24
        spacing: 16
        Label {
            text: qsTr("To be sure your copy is right, type these words from your paper.")
            wrapMode: Text.Wrap
            font.pixelSize: 15
            Layout.fillWidth: true
        }
        Repeater {
            id: fields
            model: onboarding.checkPositions
            TextField {
                objectName: "checkField" + index
                placeholderText: qsTr("Word #") + modelData
                font.pixelSize: 18
                inputMethodHints: Qt.ImhNoPredictiveText | Qt.ImhNoAutoUppercase | Qt.ImhSensitiveData
                Layout.fillWidth: true
                onTextChanged: page.problem = ""
                onAccepted: page.submit()
            }
        }
        ErrorBox { objectName: "checkError"; message: page.problem }
        Item { Layout.fillHeight: true }
        KiteButton {
            objectName: "checkContinueButton"
            text: qsTr("Continue")
            Layout.fillWidth: true
            onClicked: page.submit()
        }
    }
}
