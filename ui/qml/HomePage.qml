import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

Page {
    id: page
    objectName: "homePage"

    // Channels being recovered after a restore, in plain words: e.g. "Recovering 2 channels:
    // 120 000 sat on its way back (less the network fee), confirms around block 812"
    function recoverySentence(r) {
        if (r.channels <= 0)
            return ""
        var parts = []
        var underway = r.channels > r.waiting  // some peer closed: a sweep is on its way
        if (r.amountSat > 0)
            parts.push(qsTr("%1 on its way back (less the network fee)").arg(settings.formatSat(r.amountSat)))
        else if (underway)
            parts.push(qsTr("the funds are back on-chain"))
        if (underway && r.confirmsAt > 0)
            parts[parts.length - 1] += qsTr(", confirms around block %1").arg(r.confirmsAt)
        if (r.waiting === 1)
            parts.push(parts.length > 0 ? qsTr("waiting for 1 peer to close") : qsTr("waiting for the peer to close"))
        else if (r.waiting > 1)
            parts.push(qsTr("waiting for %1 peers to close").arg(r.waiting))
        var head = r.channels === 1 ? qsTr("Recovering 1 channel") : qsTr("Recovering %1 channels").arg(r.channels)
        return head + ": " + parts.join("; ")
    }
    readonly property bool dark: Material.theme === Material.Dark

    header: ToolBar {
        Material.background: "transparent"
        Material.elevation: 0
        implicitHeight: 60
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 20
            anchors.rightMargin: 4
            Image { source: iconsDir + "kite.svg"; sourceSize: Qt.size(28, 28) }
            Label { text: qsTr("Kite"); font.pixelSize: 22; font.weight: Font.Bold; Layout.fillWidth: true }
            ToolButton {
                objectName: "channelsButton"
                icon.source: iconsDir + "lightning.svg"
                icon.width: 24
                icon.height: 24
                implicitWidth: 56
                implicitHeight: 56
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Channels")
                onClicked: { channels.refresh(); window.show("ChannelsPage.qml") }
            }
            ToolButton {
                objectName: "settingsButton"
                icon.source: iconsDir + "settings.svg"
                icon.width: 24
                icon.height: 24
                implicitWidth: 56
                implicitHeight: 56
                onClicked: window.show("SettingsPage.qml")
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.leftMargin: 16
        anchors.rightMargin: 16
        spacing: 12

        BackupReminder { Layout.fillWidth: true }
        FiatAsk { Layout.fillWidth: true }

        Card {
            implicitHeight: balanceColumn.implicitHeight + 40
            ColumnLayout {
                id: balanceColumn
                anchors.fill: parent
                anchors.margins: 20
                spacing: 4
                RowLayout {
                    Layout.fillWidth: true
                    Label { text: qsTr("Balance"); opacity: 0.65; font.pixelSize: 14; Layout.fillWidth: true }
                    Label {
                        objectName: "unitHint"
                        text: settings.unit === "sat" ? qsTr("Tap the amount for BTC") : qsTr("Tap the amount for sat")
                        opacity: 0.5
                        font.pixelSize: 12
                    }
                }
                Label {
                    objectName: "balanceText"
                    // before the first sync a balance is not a fact: say so instead of "0 sat"
                    text: !walletModel.synced ? qsTr("Not synced yet")
                          : walletModel.hasBalance ? settings.formatSat(walletModel.totalSat) : "—"
                    font.pixelSize: 36
                    font.weight: Font.Bold
                    fontSizeMode: Text.HorizontalFit
                    minimumPixelSize: 20
                    Layout.fillWidth: true
                    TapHandler { onTapped: settings.unit = settings.unit === "sat" ? "btc" : "sat" }
                    HoverHandler { cursorShape: Qt.PointingHandCursor }
                }
                FiatLine {
                    objectName: "balanceFiat"
                    sat: walletModel.synced && walletModel.hasBalance ? walletModel.totalSat : 0
                    visible: walletModel.synced && walletModel.hasBalance && text.length > 0
                }
                Label {
                    objectName: "lastKnownText"
                    visible: !walletModel.synced && walletModel.hasBalance && walletModel.totalSat > 0
                    text: qsTr("Last known: ") + settings.formatSat(walletModel.totalSat)
                    opacity: 0.75
                    font.pixelSize: 15
                }
                Label {
                    objectName: "pendingText"
                    visible: walletModel.pendingSat !== 0
                    text: "+ " + settings.formatSat(walletModel.pendingSat) + qsTr(" yours, pending")
                    opacity: 0.85
                    font.pixelSize: 15
                }
                Label {
                    objectName: "recoveryText"
                    visible: walletModel.recovery.channels > 0
                    text: page.recoverySentence(walletModel.recovery)
                    opacity: 0.85
                    font.pixelSize: 13
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
                Repeater {
                    model: walletModel.pendingParts
                    Label {
                        objectName: "pendingPart" + index
                        text: settings.formatSat(modelData.sat) + " " + modelData.text
                        opacity: 0.7
                        font.pixelSize: 12
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                }
                RowLayout {
                    visible: walletModel.hasBalance && walletModel.synced
                    spacing: 6
                    Layout.fillWidth: true
                    Image { source: iconsDir + (page.dark ? "lightning-white.svg" : "lightning.svg"); sourceSize: Qt.size(14, 14); opacity: page.dark ? 0.8 : 0.6 }
                    Label {
                        objectName: "lightningBalanceText"
                        text: qsTr("Lightning ") + settings.formatSat(walletModel.lightningSat)
                        opacity: 0.75
                        font.pixelSize: 13
                    }
                    Label { text: "·"; opacity: 0.5; font.pixelSize: 13 }
                    Label {
                        objectName: "onchainBalanceText"
                        text: qsTr("On-chain ") + settings.formatSat(walletModel.onchainSat)
                        opacity: 0.75
                        font.pixelSize: 13
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                    }
                }
                RowLayout {
                    spacing: 8
                    Layout.topMargin: 6
                    Rectangle {
                        width: 10; height: 10; radius: 5
                        color: walletModel.connected ? "#2e9d57" : "#c9a227"
                    }
                    Label {
                        objectName: "syncText"
                        text: walletModel.syncText
                        font.pixelSize: 13
                        opacity: 0.75
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    Button {
                        objectName: "retryConnectionButton"
                        visible: walletModel.offlineProblem
                        text: qsTr("Try again")
                        flat: true
                        font.capitalization: Font.MixedCase
                        onClicked: walletModel.retryConnection()
                    }
                }
                // the wallet's node is a running `kite daemon` (the window started none)
                Label {
                    objectName: "attachedText"
                    visible: session.attached
                    text: qsTr("Attached to the Kite daemon running this wallet: it keeps running when this window closes.")
                    font.pixelSize: 12
                    opacity: 0.75
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
                // no server answers: which ones were tried, and where to pick another
                RowLayout {
                    visible: walletModel.offlineProblem
                    spacing: 8
                    Layout.fillWidth: true
                    Label {
                        objectName: "triedServersText"
                        text: servers.rows.length === 0 ? qsTr("No server is set up: add one in Servers.")
                              : servers.triedText.length > 0 ? servers.triedText : qsTr("No server tried yet.")
                        font.pixelSize: 12
                        opacity: 0.7
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    Button {
                        objectName: "homeServersButton"
                        text: qsTr("Servers")
                        flat: true
                        font.capitalization: Font.MixedCase
                        onClicked: window.show("ServersPage.qml")
                    }
                }
            }
        }

        // kite --demo: what the set-up is doing (funding, opening the channel)
        RowLayout {
            visible: demo.setupStatus.length > 0
            spacing: 10
            Layout.fillWidth: true
            BusyIndicator { running: parent.visible; implicitWidth: 28; implicitHeight: 28 }
            Label {
                objectName: "demoSetupStatus"
                text: demo.setupStatus
                wrapMode: Text.Wrap
                opacity: 0.8
                Layout.fillWidth: true
            }
        }
        ErrorBox {
            visible: demo.setupError.length > 0
            message: demo.setupError
        }
        // kite --demo, once ready: where the shop's buttons are
        Rectangle {
            id: demoHint
            objectName: "demoHint"
            property bool dismissed: false
            visible: demo.enabled && !dismissed
            radius: 12
            color: page.dark ? "#3a2f12" : "#fff4dc"
            border.color: page.dark ? "#7a5d1e" : "#f5d38a"
            implicitHeight: hintRow.implicitHeight + 20
            Layout.fillWidth: true
            RowLayout {
                id: hintRow
                anchors.fill: parent
                anchors.margins: 10
                spacing: 8
                Image { source: iconsDir + (page.dark ? "store-white.svg" : "store.svg"); sourceSize: Qt.size(20, 20); opacity: page.dark ? 0.8 : 0.7; Layout.alignment: Qt.AlignTop }
                ColumnLayout {
                    spacing: 6
                    Layout.fillWidth: true
                    Label {
                        text: qsTr("Demo: a shop runs on this network. Send → “Demo: pay the shop” buys a coffee over Lightning; Receive → “Demo: have the shop pay this” pays you. A block is mined every ") + demo.mineIntervalSeconds + qsTr(" s (or tap “Mine a block” above), so sends and channel closes finish.")
                        wrapMode: Text.Wrap
                        font.pixelSize: 13
                        Layout.fillWidth: true
                    }
                    Label {
                        objectName: "demoChannelText"
                        visible: text.length > 0
                        text: demo.channelText
                        wrapMode: Text.Wrap
                        font.pixelSize: 12
                        opacity: 0.8
                        Layout.fillWidth: true
                    }
                }
                Label {
                    text: "\u2715"
                    opacity: 0.6
                    Layout.alignment: Qt.AlignTop
                    TapHandler { onTapped: demoHint.dismissed = true }
                }
            }
        }

        // closed for much of the punishment window on a channel with our money (node's words)
        ErrorBox {
            objectName: "offlineWarning"
            message: walletModel.offlineWarning
            dismissible: true
            onDismissed: walletModel.dismissOfflineWarning()
        }
        ErrorBox {
            objectName: "homeError"
            message: session.error.length > 0 ? session.error : walletModel.error
            detail: session.error.length > 0 ? session.errorDetail : walletModel.errorDetail
            dismissible: true
            onDismissed: { session.clearError(); walletModel.clearError() }
        }

        RowLayout {
            spacing: 12
            Layout.fillWidth: true
            KiteButton {
                objectName: "receiveButton"
                text: qsTr("Receive")
                icon.source: iconsDir + "receive.svg"
                implicitHeight: 64
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                onClicked: window.show("ReceivePage.qml")
            }
            KiteButton {
                objectName: "sendButton"
                text: qsTr("Send")
                icon.source: iconsDir + "send.svg"
                implicitHeight: 64
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                onClicked: { send.reset(); window.show("SendPage.qml") }
            }
        }

        Label {
            text: qsTr("History")
            font.pixelSize: 18
            font.weight: Font.DemiBold
            Layout.topMargin: 8
        }

        ListView {
            id: historyList
            objectName: "historyList"
            model: walletModel.history
            clip: true
            Layout.fillWidth: true
            Layout.fillHeight: true
            delegate: ItemDelegate {
                objectName: "historyRow" + index
                width: ListView.view.width
                height: 68
                leftPadding: 4
                rightPadding: 4
                onClicked: window.show("PaymentDetailPage.qml", { item: walletModel.history.get(index) })
                contentItem: Item {
                RowLayout {
                    anchors.fill: parent
                    spacing: 12
                    Rectangle {
                        width: 40; height: 40; radius: 20
                        color: deltaSat >= 0 ? (page.dark ? "#1f3d2b" : "#dcf3e4") : (page.dark ? "#2f3a52" : "#dfe8fb")
                        Image {
                            anchors.centerIn: parent
                            source: iconsDir + (status === "Pending" ? "pending" : status === "Failed" || status === "Lost" ? "error" : deltaSat >= 0 ? "receive" : "send")
                                    + (page.dark && status !== "Failed" && status !== "Lost" ? "-white.svg" : ".svg")
                            sourceSize: Qt.size(20, 20)
                            opacity: page.dark ? 0.9 : 0.7
                        }
                    }
                    ColumnLayout {
                        spacing: 2
                        Layout.fillWidth: true
                        RowLayout {
                            spacing: 4
                            Layout.fillWidth: true
                            Label {
                                text: label.length > 0 ? labelText : status === "Failed" ? qsTr("Not sent") : deltaSat >= 0 ? qsTr("Received") : qsTr("Sent")
                                font.pixelSize: 16
                            }
                            Image {
                                visible: kind === "lightning"
                                source: iconsDir + (page.dark ? "lightning-white.svg" : "lightning.svg")
                                sourceSize: Qt.size(14, 14)
                                opacity: page.dark ? 0.9 : 0.55
                            }
                            Label {
                                objectName: "historyNote" + index
                                visible: text.length > 0
                                text: note.length > 0 ? note : description  // the user's own words first
                                opacity: 0.6
                                font.pixelSize: 14
                                elide: Text.ElideRight
                                Layout.fillWidth: true
                            }
                            Item { visible: note.length === 0 && description.length === 0; Layout.fillWidth: true }
                        }
                        Label {
                            objectName: "historyStatus" + index
                            text: status === "Pending" || status === "Failed" || status === "Lost" ? statusText : dateText
                            color: status === "Pending" ? "#c9a227" : status === "Failed" || status === "Lost" ? "#d93a3a" : Material.foreground
                            opacity: status === "Pending" || status === "Failed" || status === "Lost" ? 1 : 0.6
                            font.pixelSize: 13
                            Layout.fillWidth: true
                        }
                    }
                    ColumnLayout {
                        spacing: 0
                        Layout.alignment: Qt.AlignRight | Qt.AlignVCenter
                        Label {
                            objectName: "historyAmount" + index
                            text: settings.formatSigned(deltaSat)
                            opacity: status === "Failed" || status === "Lost" ? 0.45 : 1
                            font.strikeout: status === "Failed" || status === "Lost"  // lost: a JIT channel whose funding was double-spent
                            color: deltaSat >= 0 ? "#2e9d57" : Material.foreground
                            font.pixelSize: 16
                            font.weight: Font.DemiBold
                            Layout.alignment: Qt.AlignRight
                        }
                        FiatLine {
                            objectName: "historyFiat" + index
                            sat: Math.abs(deltaSat)  // today's value (the export has the amounts)
                            visible: status !== "Failed" && status !== "Lost" && text.length > 0
                            font.pixelSize: 12
                            Layout.alignment: Qt.AlignRight
                        }
                    }
                }
                }
            }
            ColumnLayout {
                anchors.centerIn: parent
                visible: historyList.count === 0
                width: parent.width - 40
                spacing: 6
                Label {
                    text: qsTr("No payments yet")
                    font.pixelSize: 17
                    opacity: 0.8
                    Layout.alignment: Qt.AlignHCenter
                }
                Label {
                    text: qsTr("Payments you send and receive will show up here.")
                    wrapMode: Text.Wrap
                    horizontalAlignment: Text.AlignHCenter
                    opacity: 0.6
                    Layout.fillWidth: true
                }
            }
        }
    }
}
