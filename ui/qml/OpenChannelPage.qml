// Open a channel: peer (the trampoline by default), amount from the on-chain balance, the
// funding transaction's fee.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

Page {
    objectName: "openChannelPage"
    header: PageHeader { title: qsTr("Open a channel"); onBack: window.stack.pop() }
    // the first field to fill: the amount when the peer is filled in (the trampoline)
    StackView.onActivated: (channels.peer.length > 0 ? amountField : peerField).forceActiveFocus()
    Connections {
        target: channels
        function onNotice(text) { if (text === qsTranslate("Channels", "Channel opening")) window.stack.pop() }
    }

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
                text: qsTr("The channel is funded from your on-chain balance (") + settings.formatSat(walletModel.onchainSat) + qsTr("). Its coins are then yours to spend over Lightning.")
                wrapMode: Text.Wrap
                opacity: 0.8
                Layout.fillWidth: true
            }
            Label { text: qsTr("Peer"); opacity: 0.65; font.pixelSize: 13; Layout.topMargin: 6 }
            TextArea {
                id: peerField
                objectName: "channelPeer"
                text: channels.peer
                placeholderText: qsTr("NODEID@HOST:PORT")
                wrapMode: TextEdit.WrapAnywhere
                font.family: "monospace"
                font.pixelSize: 13
                Layout.fillWidth: true
                onTextChanged: if (text !== channels.peer) channels.setPeer(text)
            }
            Label {
                visible: channels.peer.length > 0 && channels.peer === channels.defaultPeer
                text: qsTr("The network's trampoline: it finds routes for your payments.")
                font.pixelSize: 13
                opacity: 0.6
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            Label { text: qsTr("Amount"); opacity: 0.65; font.pixelSize: 13; Layout.topMargin: 6 }
            TextField {
                id: amountField
                objectName: "channelAmount"
                placeholderText: qsTr("Amount in ") + (settings.unit === "btc" ? "BTC" : "sat")
                inputMethodHints: Qt.ImhFormattedNumbersOnly
                font.pixelSize: 20
                Layout.fillWidth: true
                onTextChanged: channels.setAmount(text)
            }
            InfoRow { objectName: "channelFee"; label: qsTr("Network fee (funding transaction)"); value: channels.feeText }
            ErrorBox { objectName: "openChannelError"; message: channels.openError; detail: channels.openErrorDetail }
            KiteButton {
                objectName: "confirmOpenChannel"
                text: channels.opening ? qsTr("Opening…") : qsTr("Open channel")
                enabled: channels.canOpen
                Layout.fillWidth: true
                Layout.topMargin: 10
                onClicked: channels.openChannel()
            }
        }
    }
}
