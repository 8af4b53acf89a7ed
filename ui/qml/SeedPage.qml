// The seed words again, after the password; then, if the user wants, the backup check.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

Page {
    id: page
    objectName: "seedPage"
    // "password" -> "words" -> "check" -> "done"
    property string stage: seed.words.length > 0 ? (checking ? (passed ? "done" : "check") : "words") : "password"
    property bool checking: false
    property bool passed: false
    property string problem: ""
    header: PageHeader { title: qsTr("Seed words"); onBack: window.stack.pop() }
    Component.onDestruction: seed.hide()

    function answers() {
        var out = []
        for (var i = 0; i < fields.count; i++) out.push(fields.itemAt(i).text)
        return out
    }
    function submitCheck() {
        if (seed.checkAll(answers())) { problem = ""; passed = true }
        else problem = qsTr("One of these words does not match. Look at your paper again, or go back to see the words.")
    }

    Flickable {
        anchors.fill: parent
        contentWidth: width  // the column follows the page's width, never wider
        contentHeight: column.implicitHeight + 48
        clip: true
        ColumnLayout {
            id: column
            x: 24
            y: 8
            width: Math.min(parent.width - 48, 560)
            spacing: 14

            // --- the password ---------------------------------------------------------
            Label {
                visible: page.stage === "password"
                text: qsTr("Anyone who sees these words can take your money. Make sure nobody is watching, then type your password.")
                wrapMode: Text.Wrap
                font.pixelSize: 15
                Layout.fillWidth: true
            }
            TextField {
                id: password
                objectName: "seedPasswordField"
                visible: page.stage === "password"
                placeholderText: qsTr("Password")
                echoMode: TextInput.Password
                font.pixelSize: 18
                enabled: !seed.busy
                Layout.fillWidth: true
                onAccepted: seed.reveal(text)
            }
            ErrorBox { objectName: "seedError"; visible: page.stage === "password" && seed.error.length > 0; message: seed.error }
            KiteButton {
                objectName: "revealSeedButton"
                visible: page.stage === "password"
                text: seed.busy ? qsTr("Checking…") : qsTr("Show seed words")
                enabled: !seed.busy && password.text.length > 0
                Layout.fillWidth: true
                onClicked: seed.reveal(password.text)
            }

            // --- the words --------------------------------------------------------------
            Label {
                visible: page.stage === "words"
                text: qsTr("These %1 words, in this order, restore this wallet on any device. Keep them on paper, offline.").arg(seed.words.length)
                wrapMode: Text.Wrap
                font.pixelSize: 15
                Layout.fillWidth: true
            }
            Card {
                visible: page.stage === "words"
                implicitHeight: grid.implicitHeight + 32
                GridLayout {
                    id: grid
                    anchors.fill: parent
                    anchors.margins: 16
                    columns: 2
                    rowSpacing: 10
                    columnSpacing: 16
                    Repeater {
                        model: seed.words
                        RowLayout {
                            Layout.fillWidth: true
                            Layout.preferredWidth: 1
                            Label { text: (index + 1) + "."; opacity: 0.55; font.pixelSize: 15; horizontalAlignment: Text.AlignRight; Layout.preferredWidth: 26 }
                            Label { objectName: "shownWord" + (index + 1); text: modelData; font.pixelSize: 18; font.weight: Font.DemiBold; Layout.fillWidth: true }
                        }
                    }
                }
            }
            InfoRow {
                objectName: "shownPassphrase"
                visible: page.stage === "words" && seed.passphrase.length > 0
                label: qsTr("Passphrase (needed too, with the words, to restore)")
                value: seed.passphrase
            }
            KiteButton {
                objectName: "startCheckButton"
                visible: page.stage === "words"
                text: seed.checked ? qsTr("Check my paper copy again") : qsTr("I have written them down: check my backup")
                Layout.fillWidth: true
                onClicked: page.checking = true
            }

            // --- the check --------------------------------------------------------------
            Label {
                visible: page.stage === "check"
                text: qsTr("Type these words from your paper (not from the screen).")
                wrapMode: Text.Wrap
                font.pixelSize: 15
                Layout.fillWidth: true
            }
            Repeater {
                id: fields
                model: page.stage === "check" ? seed.checkPositions : []
                TextField {
                    objectName: "seedCheckField" + index
                    placeholderText: qsTr("Word #%1").arg(modelData)
                    font.pixelSize: 18
                    inputMethodHints: Qt.ImhNoPredictiveText | Qt.ImhNoAutoUppercase | Qt.ImhSensitiveData
                    Layout.fillWidth: true
                    onTextChanged: page.problem = ""
                    onAccepted: page.submitCheck()
                }
            }
            ErrorBox { objectName: "seedCheckError"; visible: page.stage === "check" && page.problem.length > 0; message: page.problem }
            KiteButton {
                objectName: "seedCheckButton"
                visible: page.stage === "check"
                text: qsTr("Check")
                Layout.fillWidth: true
                onClicked: page.submitCheck()
            }

            // --- done -------------------------------------------------------------------
            Label {
                objectName: "seedCheckDone"
                visible: page.stage === "done"
                text: qsTr("Your paper copy is right. Keep it somewhere safe; Kite will not remind you again.")
                color: "#2e9d57"
                wrapMode: Text.Wrap
                font.pixelSize: 16
                Layout.fillWidth: true
            }
            KiteButton {
                objectName: "seedDoneButton"
                visible: page.stage === "done"
                text: qsTr("Done")
                Layout.fillWidth: true
                onClicked: window.stack.pop()
            }
        }
    }
}
