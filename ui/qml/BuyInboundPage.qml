// Buy inbound capacity (LSPS1): how much the wallet should be able to receive, the LSP's fee
// for that channel (asked first, nothing paid), then Buy pays it over Lightning.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

Page {
    objectName: "buyInboundPage"
    header: PageHeader { title: qsTr("Buy inbound capacity"); onBack: window.stack.pop() }
    StackView.onActivated: amountField.forceActiveFocus()

    Flickable {
        anchors.fill: parent
        contentHeight: column.implicitHeight + 32
        clip: true
        ColumnLayout {
            id: column
            x: 20
            width: parent.width - 40
            spacing: 10
            Label {
                text: qsTr("Your LSP opens a channel to this wallet so that it can receive payments. You pay its fee now; the channel is yours to receive on once its funding transaction confirms.")
                wrapMode: Text.Wrap
                opacity: 0.8
                Layout.fillWidth: true
            }
            Label { text: qsTr("Inbound capacity"); opacity: 0.65; font.pixelSize: 13; Layout.topMargin: 6 }
            TextField {
                id: amountField
                objectName: "buyInboundAmount"
                placeholderText: qsTr("Amount in ") + (settings.unit === "btc" ? "BTC" : "sat")
                inputMethodHints: Qt.ImhFormattedNumbersOnly
                font.pixelSize: 20
                enabled: !buyInbound.busy
                Layout.fillWidth: true
                onTextChanged: buyInbound.setAmount(text)
            }
            KiteButton {
                objectName: "buyInboundQuote"
                visible: buyInbound.offerText.length === 0 && buyInbound.resultText.length === 0
                text: buyInbound.busy ? qsTr("Asking the LSP…") : qsTr("See the fee")
                enabled: buyInbound.canQuote
                Layout.fillWidth: true
                onClicked: buyInbound.quote()
            }
            InfoRow {
                objectName: "buyInboundFee"
                visible: buyInbound.feeSat.length > 0
                label: qsTr("LSP fee")
                value: buyInbound.feeSat
            }
            Label {
                objectName: "buyInboundOffer"
                visible: text.length > 0
                text: buyInbound.offerText
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            ErrorBox { objectName: "buyInboundError"; message: buyInbound.error; detail: buyInbound.errorDetail }
            KiteButton {
                objectName: "buyInboundConfirm"
                visible: buyInbound.offerText.length > 0 && buyInbound.resultText.length === 0
                text: buyInbound.busy ? qsTr("Paying…") : qsTr("Buy for ") + buyInbound.feeSat
                enabled: buyInbound.canBuy
                Layout.fillWidth: true
                Layout.topMargin: 10
                onClicked: buyInbound.buy()
            }
            Label {
                objectName: "buyInboundResult"
                visible: text.length > 0
                text: buyInbound.resultText
                wrapMode: Text.Wrap
                font.pixelSize: 15
                Layout.fillWidth: true
            }
        }
    }
}
