// Lightning channels: each with its capacity, a local/remote balance bar, state and peer;
// open one (to the trampoline by default) and close one (cooperatively, or forced).
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

Page {
    id: page
    objectName: "channelsPage"
    readonly property bool dark: Material.theme === Material.Dark
    property int forceKey: -1  // the channel a force close is being confirmed for
    property int closeKey: -1  // the channel a cooperative close is being confirmed for
    property double closeSat: 0  // our side of it
    header: PageHeader { title: qsTr("Channels"); onBack: window.stack.pop() }
    Component.onCompleted: { channels.clearError(); channels.refresh() }

    Flickable {
        anchors.fill: parent
        contentHeight: column.implicitHeight + 32
        clip: true
        ColumnLayout {
            id: column
            x: 20
            width: parent.width - 40
            spacing: 12

            Card {
                implicitHeight: summary.implicitHeight + 32
                ColumnLayout {
                    id: summary
                    anchors.fill: parent
                    anchors.margins: 16
                    spacing: 4
                    Label { text: qsTr("Spendable over Lightning"); opacity: 0.65; font.pixelSize: 13 }
                    Label {
                        objectName: "channelsLightningBalance"
                        text: settings.formatSat(walletModel.lightningSat)
                        font.pixelSize: 26
                        font.weight: Font.Bold
                    }
                    Label {
                        text: qsTr("On-chain, for new channels: ") + settings.formatSat(walletModel.onchainSat)
                        opacity: 0.7
                        font.pixelSize: 13
                    }
                }
            }

            ErrorBox {
                objectName: "channelsOfflineWarning"
                message: walletModel.offlineWarning
            }
            // anchor channels: a force close pays its fees from on-chain coins kept aside
            ErrorBox {
                objectName: "channelsReserveWarning"
                readonly property var r: walletModel.reserveShort
                message: r.short > 0 && settings.unit.length > 0  // re-read when the unit changes
                         ? qsTr("The on-chain reserve is short by ") + settings.formatSat(r.short)
                           + qsTr(": anchor channels need ") + settings.formatSat(r.reserve)
                           + qsTr(" of confirmed coins to pay the fees of a force close, and the wallet has ")
                           + settings.formatSat(r.onchain) + "." : ""
            }
            ErrorBox {
                objectName: "channelsError"
                message: channels.error
                detail: channels.errorDetail
                dismissible: true
                onDismissed: channels.clearError()
            }

            KiteButton {
                objectName: "openChannelButton"
                text: qsTr("Open a channel")
                icon.source: iconsDir + "lightning.svg"
                Layout.fillWidth: true
                onClicked: { channels.startOpen(); window.show("OpenChannelPage.qml") }
            }
            KiteButton {
                objectName: "buyInboundButton"
                text: qsTr("Buy inbound capacity")
                primary: false
                Layout.fillWidth: true
                onClicked: { buyInbound.start(); window.show("BuyInboundPage.qml") }
            }

            Label {
                visible: channels.count === 0
                text: qsTr("No channels yet. A channel holds the coins you pay with over Lightning: open one with some of your on-chain balance.")
                wrapMode: Text.Wrap
                opacity: 0.7
                horizontalAlignment: Text.AlignHCenter
                Layout.fillWidth: true
                Layout.topMargin: 24
            }

            Repeater {
                model: channels.list
                Card {
                    id: card
                    objectName: "channelCard" + index
                    implicitHeight: cardColumn.implicitHeight + 28
                    opacity: canClose ? 1 : 0.7
                    ColumnLayout {
                        id: cardColumn
                        anchors.fill: parent
                        anchors.margins: 14
                        spacing: 6
                        RowLayout {
                            Layout.fillWidth: true
                            Rectangle {
                                width: 10; height: 10; radius: 5
                                color: active ? "#2e9d57" : canClose ? "#c9a227" : "#9e9e9e"
                            }
                            Label {
                                objectName: "channelState" + index
                                text: stateText
                                font.pixelSize: 15
                                font.weight: Font.DemiBold
                                elide: Text.ElideRight
                                Layout.fillWidth: true
                            }
                            Label { text: settings.formatSat(capacitySat); font.pixelSize: 15 }
                        }
                        // our side (accent) and theirs (grey), in proportion
                        Rectangle {
                            objectName: "balanceBar" + index
                            visible: !recovered  // a restore lost the balance: no bar to draw
                            Layout.fillWidth: true
                            height: 10
                            radius: 5
                            color: page.dark ? "#3a3f4a" : "#d5dbe6"
                            Rectangle {
                                width: capacitySat > 0 ? parent.width * Math.min(1, localSat / capacitySat) : 0
                                height: parent.height
                                radius: 5
                                color: Material.accent
                            }
                        }
                        Label {
                            objectName: "channelRecovery" + index
                            visible: recovered
                            text: recoveryStatus === "closing"
                                  ? (recoveryAmountSat > 0
                                     ? qsTr("Your %1 are on the way to your on-chain balance (less the network fee)").arg(settings.formatSat(recoveryAmountSat))
                                     : qsTr("Your side is on the way to your on-chain balance (less the network fee)"))
                                    + (recoveryBlock > 0 ? qsTr(", confirming around block %1.").arg(recoveryBlock) : ".")
                                  : recoveryStatus === "swept" ? qsTr("Your side of this channel is back in your on-chain balance.")
                                  : recoveryStatus === "nothing" ? qsTr("The peer closed it with nothing of yours left in it.")
                                  : qsTr("This wallet was restored and no longer knows this channel's balance: its peer is asked to close it, then your side comes back to your on-chain balance.")
                            font.pixelSize: 12
                            opacity: 0.75
                            wrapMode: Text.Wrap
                            Layout.fillWidth: true
                        }
                        RowLayout {
                            visible: !recovered
                            Layout.fillWidth: true
                            Label { text: qsTr("You ") + settings.formatSat(localSat); font.pixelSize: 13; opacity: 0.8; Layout.fillWidth: true }
                            Label { text: qsTr("Them ") + settings.formatSat(remoteSat); font.pixelSize: 13; opacity: 0.8 }
                        }
                        Label {
                            objectName: "channelRoom" + index
                            visible: active && sendableSat >= 0
                            text: qsTr("You can send ") + settings.formatSat(sendableSat) + qsTr(" and receive ")
                                  + settings.formatSat(Math.max(0, receivableSat)) + qsTr(" now.")
                                  + (localSat > sendableSat
                                     ? " " + settings.formatSat(localSat - sendableSat) + qsTr(" of yours stays in the channel as its reserve")
                                       + qsTr(" (the peer requires it, with the fee of closing): it comes back to you when the channel closes.")
                                     : "")
                            font.pixelSize: 12
                            opacity: 0.75
                            wrapMode: Text.Wrap
                            Layout.fillWidth: true
                        }
                        Label {
                            text: qsTr("Peer ") + peer
                            font.family: "monospace"
                            font.pixelSize: 12
                            opacity: 0.6
                            elide: Text.ElideMiddle
                            Layout.fillWidth: true
                        }
                        Label {
                            visible: closedReason.length > 0
                            text: closedReason
                            font.pixelSize: 12
                            opacity: 0.7
                            wrapMode: Text.Wrap
                            Layout.fillWidth: true
                        }
                        RowLayout {
                            visible: canClose
                            spacing: 8
                            Layout.fillWidth: true
                            KiteButton {
                                objectName: "closeChannel" + index
                                text: qsTr("Close")
                                primary: false
                                implicitHeight: 44
                                Layout.fillWidth: true
                                Layout.preferredWidth: 1
                                onClicked: { page.closeSat = localSat; page.closeKey = keyIndex }
                            }
                            KiteButton {
                                objectName: "forceCloseChannel" + index
                                text: qsTr("Force close")
                                primary: false
                                flat: true
                                implicitHeight: 44
                                Material.foreground: "#d93a3a"
                                Layout.fillWidth: true
                                Layout.preferredWidth: 1
                                onClicked: page.forceKey = keyIndex
                            }
                        }
                    }
                }
            }
        }
    }

    // A cooperative close says where the money goes, and when, before it starts.
    Rectangle {
        objectName: "closeConfirm"
        anchors.fill: parent
        visible: page.closeKey >= 0
        color: "#99000000"
        z: 20
        TapHandler {}
        Rectangle {
            anchors.centerIn: parent
            width: Math.min(parent.width - 40, 440)
            height: closeColumn.implicitHeight + 40
            radius: 16
            color: Material.backgroundColor
            ColumnLayout {
                id: closeColumn
                anchors.fill: parent
                anchors.margins: 20
                spacing: 12
                Label { text: qsTr("Close this channel?"); font.pixelSize: 20; font.weight: Font.Bold }
                Label {
                    objectName: "closeConfirmText"
                    text: qsTr("Your ") + settings.formatSat(page.closeSat) + qsTr(" in it, less the closing transaction's fee, goes to your on-chain balance")
                          + qsTr(" (an address of this wallet). It is shown as pending until the closing transaction confirms, usually within an hour.")
                          + qsTr(" You can no longer pay over Lightning with it.")
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
                KiteButton {
                    objectName: "confirmClose"
                    text: qsTr("Close channel")
                    Layout.fillWidth: true
                    onClicked: { channels.closeChannel(page.closeKey, false); page.closeKey = -1 }
                }
                KiteButton {
                    objectName: "cancelClose"
                    text: qsTr("Cancel")
                    primary: false
                    flat: true
                    Layout.fillWidth: true
                    onClicked: page.closeKey = -1
                }
            }
        }
    }

    // Force close needs a second, informed yes.
    Rectangle {
        objectName: "forceCloseWarning"
        anchors.fill: parent
        visible: page.forceKey >= 0
        color: "#99000000"
        z: 20
        TapHandler {}
        Rectangle {
            anchors.centerIn: parent
            width: Math.min(parent.width - 40, 440)
            height: warnColumn.implicitHeight + 40
            radius: 16
            color: Material.backgroundColor
            ColumnLayout {
                id: warnColumn
                anchors.fill: parent
                anchors.margins: 20
                spacing: 12
                Label { text: qsTr("Force close?"); font.pixelSize: 20; font.weight: Font.Bold }
                Label {
                    text: qsTr("Kite publishes its latest channel transaction without the peer. Your coins come back to your on-chain balance only after a delay the peer set (up to two weeks), and the fees are higher. Close cooperatively when the peer is online.")
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
                KiteButton {
                    objectName: "confirmForceClose"
                    text: qsTr("Force close")
                    Material.accent: "#d93a3a"
                    Layout.fillWidth: true
                    onClicked: { channels.closeChannel(page.forceKey, true); page.forceKey = -1 }
                }
                KiteButton {
                    text: qsTr("Cancel")
                    primary: false
                    flat: true
                    Layout.fillWidth: true
                    onClicked: page.forceKey = -1
                }
            }
        }
    }
}
