// Buy inbound capacity (LSPS1): how much the wallet should be able to receive, the LSP's fee
// for that channel (asked first, nothing paid), the way to pay it (Lightning, or on-chain:
// the order's total plus the network fee), then the button pays what is shown.
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
            Label {
                objectName: "buyInboundOffer"
                visible: text.length > 0
                text: buyInbound.offerText
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            Label {
                visible: buyInbound.offerText.length > 0 && buyInbound.resultText.length === 0
                text: qsTr("How to pay")
                opacity: 0.65
                font.pixelSize: 13
                Layout.topMargin: 6
            }
            ButtonGroup { id: wayGroup }
            RadioButton {
                objectName: "buyInboundLightning"
                ButtonGroup.group: wayGroup
                visible: buyInbound.lightningOffered && buyInbound.resultText.length === 0
                enabled: buyInbound.lightningPossible && !buyInbound.busy
                checked: buyInbound.way === "lightning"
                text: qsTr("Over Lightning")
                onClicked: buyInbound.choose("lightning")
            }
            Label {
                objectName: "buyInboundLightningText"
                visible: buyInbound.lightningOffered && buyInbound.resultText.length === 0
                text: buyInbound.lightningText
                wrapMode: Text.Wrap
                opacity: buyInbound.lightningPossible ? 0.9 : 0.5
                leftPadding: 36
                Layout.fillWidth: true
            }
            RadioButton {
                objectName: "buyInboundOnchain"
                ButtonGroup.group: wayGroup
                visible: buyInbound.onchainOffered && buyInbound.resultText.length === 0
                enabled: buyInbound.onchainPossible && !buyInbound.busy
                checked: buyInbound.way === "onchain"
                text: qsTr("On-chain")
                onClicked: buyInbound.choose("onchain")
            }
            Label {
                objectName: "buyInboundOnchainText"
                visible: text.length > 0 && buyInbound.resultText.length === 0
                text: buyInbound.onchainText
                wrapMode: Text.Wrap
                opacity: buyInbound.onchainPossible ? 0.9 : 0.5
                leftPadding: 36
                Layout.fillWidth: true
            }
            Label {
                objectName: "buyInboundOnchainNote"
                visible: text.length > 0 && buyInbound.resultText.length === 0
                text: buyInbound.onchainNote
                wrapMode: Text.Wrap
                color: "#c77700"
                leftPadding: 36
                Layout.fillWidth: true
            }
            CheckBox {
                objectName: "buyInboundAcceptHighFee"
                visible: buyInbound.highFeeWarning.length > 0 && buyInbound.resultText.length === 0
                text: buyInbound.highFeeWarning + qsTr(" I accept this fee.")
                checked: buyInbound.highFeeAccepted
                onToggled: buyInbound.acceptHighFee(checked)
                Layout.fillWidth: true
                contentItem: Label {
                    text: parent.text
                    wrapMode: Text.Wrap
                    leftPadding: parent.indicator.width + parent.spacing
                    verticalAlignment: Text.AlignVCenter
                }
            }
            ErrorBox { objectName: "buyInboundError"; message: buyInbound.error; detail: buyInbound.errorDetail }
            KiteButton {
                objectName: "buyInboundConfirm"
                visible: buyInbound.offerText.length > 0 && buyInbound.resultText.length === 0
                text: buyInbound.busy ? qsTr("Paying…") : buyInbound.buyText
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
