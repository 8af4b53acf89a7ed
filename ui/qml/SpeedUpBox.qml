// Speed up an unconfirmed transaction: RBF for our own sends, CPFP for what we receive.
// The extra fee is shown before anything is sent, and sent only at that fee.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

ColumnLayout {
    id: box
    property string txid: ""
    property bool outgoing: false
    property bool funding: false  // opens one of our channels: CPFP only, never replaced
    objectName: "speedUpBox"
    spacing: 6
    Layout.fillWidth: true
    onVisibleChanged: if (visible) speedUp.prepare(txid, outgoing)
    Component.onCompleted: if (visible) speedUp.prepare(txid, outgoing)
    Label {
        text: qsTr("Speed up")
        font.pixelSize: 15
        font.weight: Font.DemiBold
        color: Material.accent
    }
    Label {
        objectName: "speedUpExplain"
        text: speedUp.method === "rbf"
              ? qsTr("Replace this payment with the same one paying a higher fee (RBF). The recipient gets the same amount.")
              : box.funding
              ? qsTr("This transaction opens a Lightning channel: replacing it would break the channel. Its change is spent with a higher fee instead, so that miners take both transactions (CPFP).")
              : qsTr("Spend the coins you are receiving with a higher fee, so that miners take both transactions (CPFP). The fee comes out of the coins received.")
        wrapMode: Text.Wrap
        opacity: 0.75
        font.pixelSize: 13
        Layout.fillWidth: true
    }
    RowLayout {
        Layout.fillWidth: true
        TextField {
            id: rateField
            objectName: "speedUpRate"
            text: speedUp.suggestedRate
            placeholderText: qsTr("New fee rate")
            inputMethodHints: Qt.ImhFormattedNumbersOnly
            Layout.fillWidth: true
            onTextChanged: if (text.length > 0) speedUp.quote(text)
        }
        Label { text: qsTr("sat/vB") }
    }
    Label {
        objectName: "speedUpFee"
        visible: speedUp.quoted && speedUp.doneTxid.length === 0
        text: speedUp.method === "rbf"
              ? qsTr("New network fee: %1 (instead of the fee paid now).").arg(settings.formatSat(speedUp.feeSat))
              : qsTr("Fee of the extra transaction: %1.").arg(settings.formatSat(speedUp.feeSat))
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }
    Label {
        objectName: "speedUpError"
        visible: speedUp.error.length > 0
        text: speedUp.error
        color: "#d93a3a"
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }
    Label {
        objectName: "speedUpDone"
        visible: speedUp.doneTxid.length > 0
        text: qsTr("Sent. New transaction: %1").arg(speedUp.doneTxid)
        color: "#2e9d57"
        wrapMode: Text.WrapAnywhere
        Layout.fillWidth: true
    }
    KiteButton {
        objectName: "speedUpButton"
        visible: speedUp.doneTxid.length === 0
        text: speedUp.busy ? qsTr("Working…") : speedUp.quoted ? qsTr("Speed up for %1").arg(settings.formatSat(speedUp.feeSat)) : qsTr("Speed up")
        enabled: speedUp.quoted && !speedUp.busy
        Layout.fillWidth: true
        onClicked: speedUp.confirm()
    }
}
