// An amount in the user's currency, beside the sat figure ("" when no currency or rate).
import QtQuick
import QtQuick.Controls

Label {
    property var sat: 0
    objectName: "fiatLine"
    // fiat.rateText changes with every new rate: the binding follows it
    text: fiat.ready && fiat.rateText.length > 0 ? fiat.fiatText(sat) : ""
    visible: text.length > 0
    opacity: 0.6
    font.pixelSize: 13
}
