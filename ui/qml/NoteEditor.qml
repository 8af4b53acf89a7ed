// The user's note on one payment (txid or payment hash): shown in the history and exported.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

ColumnLayout {
    id: editor
    property string ref: ""
    property string note: ""
    signal saved(string text)
    spacing: 2
    Layout.fillWidth: true
    visible: ref.length > 0
    Label { text: qsTr("Your note"); opacity: 0.65; font.pixelSize: 13 }
    RowLayout {
        Layout.fillWidth: true
        TextField {
            id: field
            objectName: "noteField"
            text: editor.note
            placeholderText: qsTr("e.g. rent for May (only you see it)")
            maximumLength: 500
            font.pixelSize: 15
            Layout.fillWidth: true
            onAccepted: if (saveButton.enabled) historyTools.saveNote(editor.ref, text)
        }
        Button {
            id: saveButton
            objectName: "saveNoteButton"
            text: qsTr("Save")
            enabled: !historyTools.busy && field.text.trim() !== editor.note
            onClicked: historyTools.saveNote(editor.ref, field.text)
        }
    }
    Label {
        objectName: "noteError"
        visible: historyTools.noteError.length > 0
        text: historyTools.noteError
        color: "#d93a3a"
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }
    Connections {
        target: historyTools
        function onNoteSaved(ref, text) { if (ref === editor.ref) editor.saved(text) }
    }
}
