import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Dialogs
import QtQuick.Layouts

Page {
    id: page
    objectName: "receivePage"
    // tabs: 0 unified BIP 21 (address + invoice, the default), 1 Lightning invoice, 2 address,
    // 3 the wallet's reusable BOLT 12 offer
    readonly property bool requestTab: tabs.currentIndex < 2
    readonly property bool offerTab: tabs.currentIndex === 3
    readonly property string shownText: tabs.currentIndex === 0 ? receive.uri
                                      : tabs.currentIndex === 1 ? receive.invoice
                                      : tabs.currentIndex === 2 ? receive.address : receiveOffer.offer
    readonly property string shownQr: tabs.currentIndex === 0 ? receive.uriQr
                                    : tabs.currentIndex === 1 ? receive.invoiceQr
                                    : tabs.currentIndex === 2 ? receive.addressQr : receiveOffer.qr
    header: PageHeader { title: qsTr("Receive"); onBack: window.stack.pop() }
    Component.onCompleted: {
        receive.reset()  // nothing from the last visit: the fields start empty, and so does the QR
        demo.clearError()
        if (receive.canReceive) receive.refresh()  // a fresh unused address each time
    }
    Component.onDestruction: receiveOffer.hide()

    StackView.onActivated: receiveAmount.forceActiveFocus()  // type the amount at once
    readonly property color warnColor: Material.theme === Material.Dark ? "#e0b94a" : "#8a6400"
    property double receivedSat: 0
    property bool receivedLightning: false
    Connections {
        target: walletModel
        function onReceived(sat) { page.receivedLightning = false; page.receivedSat = sat }
    }
    Connections {
        target: receive
        function onReceived(sat) { page.receivedLightning = true; page.receivedSat = sat }
    }
    Connections {
        target: receiveOffer
        function onReceived(sat) { page.receivedLightning = true; page.receivedSat = sat }
    }

    // "Received N sat" covers the page the moment a payment arrives.
    Rectangle {
        objectName: "receivedBanner"
        anchors.fill: parent
        z: 10
        visible: page.receivedSat > 0
        color: Material.backgroundColor
        ColumnLayout {
            anchors.centerIn: parent
            width: parent.width - 48
            spacing: 12
            Image { source: iconsDir + "check.svg"; sourceSize: Qt.size(96, 96); Layout.alignment: Qt.AlignHCenter }
            Label {
                objectName: "receivedText"
                text: qsTr("Received ") + settings.formatSat(page.receivedSat)
                font.pixelSize: 26
                font.weight: Font.Bold
                horizontalAlignment: Text.AlignHCenter
                Layout.fillWidth: true
            }
            Label {
                text: page.receivedLightning ? qsTr("Paid over Lightning: it is in your balance now.")
                                             : qsTr("It is on its way: it counts as confirmed after the next block.")
                wrapMode: Text.Wrap
                opacity: 0.7
                horizontalAlignment: Text.AlignHCenter
                Layout.fillWidth: true
            }
            KiteButton {
                text: qsTr("Done")
                Layout.fillWidth: true
                Layout.topMargin: 24
                onClicked: window.stack.pop()
            }
        }
    }

    FileDialog {
        id: saveDialog
        objectName: "saveImageDialog"
        fileMode: FileDialog.SaveFile
        nameFilters: [qsTr("PNG image (*.png)")]
        defaultSuffix: "png"
        onAccepted: receive.saveImage(page.shownText, selectedFile.toString())
    }

    Flickable {
        anchors.fill: parent
        contentHeight: column.implicitHeight + 32
        clip: true
        ColumnLayout {
            id: column
            x: 20
            width: parent.width - 40
            spacing: 12

            TabBar {
                id: tabs
                objectName: "receiveTabs"
                Layout.fillWidth: true
                TabButton { text: qsTr("Any wallet"); font.capitalization: Font.MixedCase ; leftPadding: 4; rightPadding: 4; font.pixelSize: page.width < 480 ? 13 : 14 }
                TabButton { text: qsTr("Lightning"); font.capitalization: Font.MixedCase ; leftPadding: 4; rightPadding: 4; font.pixelSize: page.width < 480 ? 13 : 14 }
                TabButton { text: qsTr("On-chain"); font.capitalization: Font.MixedCase ; leftPadding: 4; rightPadding: 4; font.pixelSize: page.width < 480 ? 13 : 14 }
                TabButton { objectName: "offerTab"; text: qsTr("Offer"); font.capitalization: Font.MixedCase ; leftPadding: 4; rightPadding: 4; font.pixelSize: page.width < 480 ? 13 : 14 }
                onCurrentIndexChanged: if (currentIndex === 3) receiveOffer.load()
            }

            // The amount needs a new channel from the LSP: its cost in plain numbers, and
            // nothing is bought (no invoice exists) until the user confirms.
            Card {
                objectName: "jitOfferCard"
                readonly property var offer: receive.jitOffer
                visible: page.requestTab && offer.fee !== undefined
                Layout.preferredHeight: jitColumn.implicitHeight + 32
                ColumnLayout {
                    id: jitColumn
                    x: 16
                    y: 16
                    width: parent.width - 32
                    spacing: 8
                    Label {
                        text: qsTr("A new channel is needed")
                        font.pixelSize: 18
                        font.weight: Font.DemiBold
                        Layout.fillWidth: true
                    }
                    Label {
                        text: qsTr("Your channels cannot receive this amount. Your LSP can open a new channel as the payment arrives, and takes its fee from it.")
                        wrapMode: Text.Wrap
                        opacity: 0.75
                        Layout.fillWidth: true
                    }
                    InfoRow { objectName: "jitPayerPays"; label: qsTr("The payer pays"); value: parent.parent.offer.payerPays || "" }
                    InfoRow { objectName: "jitFee"; label: qsTr("The new channel costs"); value: parent.parent.offer.fee || "" }
                    InfoRow { objectName: "jitYouReceive"; label: qsTr("You receive"); value: parent.parent.offer.youReceive || "" }
                    InfoRow { objectName: "jitValidUntil"; label: qsTr("This price holds until"); value: parent.parent.offer.validUntil || "" }
                    Label {
                        objectName: "jitError"
                        visible: receive.invoiceError.length > 0
                        text: receive.invoiceError
                        color: "#d93a3a"
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    KiteButton {
                        objectName: "jitConfirmButton"
                        text: receive.invoiceBusy ? qsTr("Making the invoice…") : qsTr("Accept this fee")
                        enabled: !receive.invoiceBusy
                        Layout.fillWidth: true
                        onClicked: receive.confirmJit()
                    }
                }
            }

            Rectangle {
                objectName: "qrCard"
                color: "white"
                radius: 16
                Layout.fillWidth: true
                Layout.maximumWidth: 360  // scans well from a phone; never a wall of modules
                Layout.alignment: Qt.AlignHCenter
                Layout.preferredHeight: width
                visible: page.shownText.length > 0
                Image {
                    objectName: "qrImage"
                    anchors.fill: parent
                    anchors.margins: 8
                    source: page.shownQr
                    sourceSize: Qt.size(600, 600)
                    fillMode: Image.PreserveAspectFit
                    smooth: false
                    cache: false
                }
            }

            Card {
                visible: page.shownText.length === 0
                Layout.preferredHeight: 220
                ColumnLayout {
                    anchors.centerIn: parent
                    width: parent.width - 40
                    spacing: 10
                    readonly property bool waiting: tabs.currentIndex === 1 ? receive.invoiceBusy
                                                  : page.offerTab ? receiveOffer.busy : receive.busy
                    BusyIndicator { running: parent.waiting; visible: parent.waiting; Layout.alignment: Qt.AlignHCenter }
                    Label {
                        objectName: "receiveEmptyText"
                        visible: !parent.waiting
                        text: page.offerTab
                            ? (receiveOffer.error.length > 0 ? receiveOffer.error : qsTr("No offer yet."))
                            : tabs.currentIndex === 1
                            ? (receive.amountError.length > 0 ? qsTr("Correct the amount below to see the invoice.")
                               : receive.lightningReason.length > 0 ? receive.lightningReason
                               : receive.invoiceError.length > 0 ? receive.invoiceError
                               : receive.canInvoice ? qsTr("No invoice yet.") : qsTr("Lightning invoices need the wallet to be open."))
                            : receive.amountError.length > 0 ? qsTr("Correct the amount below to see the request.")
                            : receive.error.length > 0 ? receive.error
                            : receive.canReceive ? qsTr("No address yet.")
                            : qsTr("Kite is not connected yet, so it cannot give you an address to receive to.")
                        wrapMode: Text.Wrap
                        horizontalAlignment: Text.AlignHCenter
                        font.pixelSize: 16
                        Layout.fillWidth: true
                    }
                    KiteButton {
                        // only where trying again can change something: a failed request
                        objectName: "receiveTryAgain"
                        visible: !parent.waiting && (page.offerTab ? receiveOffer.error.length > 0
                                                     : tabs.currentIndex === 1 ? receive.invoiceError.length > 0 && receive.lightningReason.length === 0
                                                                              : receive.error.length > 0 && receive.canReceive)
                        text: qsTr("Try again")
                        primary: false
                        Layout.alignment: Qt.AlignHCenter
                        onClicked: page.offerTab ? receiveOffer.load() : receive.refresh()
                    }
                }
            }

            Label {
                objectName: "receiveText"
                text: page.shownText
                visible: text.length > 0
                font.family: "monospace"
                font.pixelSize: 13
                wrapMode: Text.WrapAnywhere
                maximumLineCount: tabs.currentIndex >= 2 ? 3 : 2
                elide: Text.ElideRight
                horizontalAlignment: Text.AlignHCenter
                opacity: 0.8
                Layout.fillWidth: true
            }
            Label {
                objectName: "jitBoughtText"
                readonly property var bought: receive.jitBought
                visible: page.requestTab && bought.fee !== undefined && page.shownText.length > 0
                text: visible ? qsTr("Through a new channel: the payer pays %1, the channel costs %2, you receive %3.")
                                    .arg(bought.payerPays).arg(bought.fee).arg(bought.youReceive) : ""
                font.pixelSize: 14
                wrapMode: Text.Wrap
                horizontalAlignment: Text.AlignHCenter
                Layout.fillWidth: true
            }
            Label {
                objectName: "jitBoughtNote"
                visible: page.requestTab && text.length > 0 && page.shownText.length > 0
                text: receive.jitBoughtNote
                font.pixelSize: 12
                opacity: 0.6
                wrapMode: Text.Wrap
                horizontalAlignment: Text.AlignHCenter
                Layout.fillWidth: true
            }
            Label {
                objectName: "lightningReason"
                visible: tabs.currentIndex === 0 && receive.lightningReason.length > 0
                text: receive.lightningReason
                font.pixelSize: 13
                color: page.warnColor
                wrapMode: Text.Wrap
                horizontalAlignment: Text.AlignHCenter
                Layout.fillWidth: true
            }
            Label {
                objectName: "offerHowText"
                visible: page.offerTab && page.shownText.length > 0
                text: qsTr("Reusable: payers choose the amount and can pay this offer again and again. It reaches this wallet through your trampoline channel while Kite is online.")
                font.pixelSize: 13
                opacity: 0.6
                wrapMode: Text.Wrap
                horizontalAlignment: Text.AlignHCenter
                Layout.fillWidth: true
            }
            Label {
                objectName: "receiveHowText"
                visible: page.requestTab && page.shownText.length > 0 && receive.lightningReason.length === 0
                text: (tabs.currentIndex === 1 ? qsTr("Pays over Lightning.")
                       : receive.invoice.length > 0 ? qsTr("Pays over Lightning or on-chain, whichever the payer's wallet can.")
                       : qsTr("An on-chain request (the Lightning invoice is on its way)."))
                      + (receive.receivableSat >= 0 && receive.jitBought.fee === undefined ? qsTr(" You can receive up to ") + settings.formatSat(receive.receivableSat) + qsTr(" over Lightning now.") : "")
                font.pixelSize: 13
                opacity: 0.6
                wrapMode: Text.Wrap
                horizontalAlignment: Text.AlignHCenter
                Layout.fillWidth: true
            }

            RowLayout {
                spacing: 12
                Layout.fillWidth: true
                enabled: page.shownText.length > 0
                KiteButton {
                    objectName: "copyButton"
                    text: qsTr("Copy")
                    icon.source: iconsDir + "copy.svg"
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    onClicked: receive.copy(page.shownText)
                }
                KiteButton {
                    objectName: "saveImageButton"
                    text: qsTr("Save image")
                    primary: false
                    icon.source: iconsDir + "save.svg"
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    onClicked: {
                        // in Pictures (or home), with a name that says what it is
                        saveDialog.currentFolder = receive.imageFolderUrl()
                        saveDialog.selectedFile = receive.suggestedImageUrl(["request", "invoice", "address", "offer"][tabs.currentIndex])
                        saveDialog.open()
                    }
                }
            }

            Label {
                objectName: "saveError"
                visible: receive.saveError.length > 0
                text: receive.saveError
                color: "#d93a3a"
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }

            // LNURL-withdraw: a service pays this wallet (ui/qml/LnurlPage.qml)
            KiteButton {
                objectName: "withdrawCodeButton"
                text: qsTr("Withdraw from a code")
                primary: false
                Layout.fillWidth: true
                onClicked: { lnurl.reset(); window.show("LnurlPage.qml") }
            }

            // kite --demo: the devnet's shop pays the shown invoice
            KiteButton {
                objectName: "demoShopPaysButton"
                visible: demo.enabled
                enabled: receive.invoice.length > 0 && !demo.busy
                text: demo.busy ? demo.status : qsTr("Demo: have the shop pay this")
                primary: false
                icon.source: iconsDir + "store.svg"
                Layout.fillWidth: true
                onClicked: demo.payInvoice(receive.invoice)
            }
            Label {
                objectName: "demoReceiveError"
                visible: demo.enabled && demo.receiveError.length > 0
                text: demo.receiveError
                color: "#d93a3a"
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }

            ColumnLayout {
                visible: page.requestTab
                spacing: 4
                Layout.fillWidth: true
                TextField {
                    id: receiveAmount
                    objectName: "receiveAmount"
                    placeholderText: qsTr("Amount (") + (settings.unit === "btc" ? "BTC" : "sat") + qsTr("), optional")
                    inputMethodHints: Qt.ImhFormattedNumbersOnly
                    font.pixelSize: 17
                    Layout.fillWidth: true
                    onTextChanged: receive.setAmount(text)
                }
                FiatLine { objectName: "receiveAmountFiat"; sat: receive.amountSat; visible: receive.amountSat > 0 && text.length > 0 }
                FiatAmountField { target: receiveAmount }
                Label {
                    visible: receive.amountError.length > 0
                    text: receive.amountError
                    color: "#d93a3a"
                }
                TextField {
                    objectName: "receiveDescription"
                    placeholderText: qsTr("Description, optional")
                    font.pixelSize: 17
                    Layout.fillWidth: true
                    onTextChanged: receive.setDescription(text)
                }
            }

        }
    }
}
