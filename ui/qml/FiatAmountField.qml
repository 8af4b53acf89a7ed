// Type an amount in the user's currency: it becomes whole sat in `target` (the sat field,
// which stays what is sent and shown). Editing the sat field by hand clears this one.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

ColumnLayout {
    id: box
    property var target
    property bool writing: false
    objectName: "fiatAmountBox"
    visible: fiat.ready
    spacing: 2
    Layout.fillWidth: true
    TextField {
        id: fiatField
        objectName: "fiatAmount"
        placeholderText: qsTr("or in %1").arg(fiat.currency)
        inputMethodHints: Qt.ImhFormattedNumbersOnly
        font.pixelSize: 16
        Layout.fillWidth: true
        onTextEdited: {
            var sat = fiat.satForFiat(text)
            box.writing = true
            box.target.text = sat > 0 ? fiat.amountText(sat, settings.unit) : ""
            box.writing = false
        }
    }
    Label {
        objectName: "fiatAmountNote"
        text: fiat.fiatProblem(fiatField.text).length > 0 ? fiat.fiatProblem(fiatField.text)
              : fiatField.text.length > 0 ? qsTr("%1 at %2. The amount in sat above is what counts.").arg(settings.formatSat(fiat.satForFiat(fiatField.text))).arg(fiat.rateText)
              : fiat.rateText
        color: fiat.fiatProblem(fiatField.text).length > 0 ? "#d93a3a" : palette.text
        opacity: fiat.fiatProblem(fiatField.text).length > 0 ? 1 : 0.6
        font.pixelSize: 12
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }
    Connections {
        target: box.target
        function onTextChanged() { if (!box.writing) fiatField.text = "" }
    }
}
