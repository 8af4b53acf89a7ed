import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Dialogs
import QtQuick.Layouts

Page {
    id: page
    objectName: "sendPage"
    property double now: Date.now() / 1000
    header: PageHeader {
        title: send.stage === "confirm" ? qsTr("Confirm payment") : qsTr("Send")
        canGoBack: send.stage !== "sending"
        onBack: {
            if (send.stage === "confirm" || send.stage === "failed") send.reset()
            else window.stack.pop()
        }
    }

    FileDialog {
        id: imageDialog
        nameFilters: [qsTr("Images (*.png *.jpg *.jpeg *.bmp *.gif *.webp)")]
        onAccepted: send.openImage(selectedFile.toString())
    }
    // Drop a picture of a QR code, or text, anywhere on the page.
    DropArea {
        anchors.fill: parent
        enabled: send.stage === "input"
        onDropped: (drop) => {
            if (drop.hasUrls) send.openImage(drop.urls[0].toString())
            else if (drop.hasText) send.parse(drop.text)
        }
    }
    Component.onCompleted: demo.clearError()  // an earlier attempt's failure is not this page's
    // the keyboard starts in the page's first field (Ctrl+V pastes at once)
    function focusFirst() {
        if (send.stage === "input") input.forceActiveFocus()
        else if (send.stage === "confirm") {
            if (amountField.visible) amountField.forceActiveFocus()
            else confirmSendButton.forceActiveFocus(Qt.TabFocusReason)
        }
        else if (send.stage === "done") doneButton.forceActiveFocus(Qt.TabFocusReason)
        else if (send.stage === "failed") (send.canRetry ? retryButton : failedCloseButton).forceActiveFocus(Qt.TabFocusReason)
    }
    StackView.onActivated: focusFirst()
    readonly property string stage: send.stage
    onStageChanged: {
        if (stage === "confirm") {  // a new request starts with its own quantity and note
            quantityField.text = String(send.quantity)
            noteField.text = send.note
        }
        Qt.callLater(page.focusFirst)
    }
    Timer { interval: 1000; repeat: true; running: send.expiresAt > 0; onTriggered: page.now = Date.now() / 1000 }
    Connections {
        target: demo
        function onInvoiceReady(invoice) { input.text = invoice; send.parse(invoice) }
    }

    function expiryText() {
        var left = Math.floor(send.expiresAt - page.now)
        if (left <= 0) return qsTr("Expired: ask the recipient for a new invoice")
        var m = Math.floor(left / 60), s = left % 60
        if (m >= 120) return qsTr("Expires in %1 hours").arg(Math.floor(m / 60))
        if (m >= 60) return qsTr("Expires in %1 minutes").arg(m)
        return qsTr("Expires in %1").arg(m + ":" + (s < 10 ? "0" : "") + s)
    }

    StackLayout {
        anchors.fill: parent
        currentIndex: ["input", "confirm", "sending", "done", "failed"].indexOf(send.stage)

        // 0: input
        ColumnLayout {
            spacing: 12
            Label {
                text: qsTr("Paste or type a Bitcoin address, a Lightning invoice or offer, or a name like %1alice@example.com, or open a picture of its QR code.").arg(send.bitcoinSign)
                wrapMode: Text.Wrap
                font.pixelSize: 15
                Layout.fillWidth: true
                Layout.leftMargin: 20
                Layout.rightMargin: 20
                Layout.topMargin: 4
            }
            TextArea {
                id: input
                objectName: "sendInput"
                placeholderText: qsTr("Address, invoice, offer or name")
                wrapMode: TextEdit.WrapAnywhere
                font.pixelSize: 16
                Layout.fillWidth: true
                Layout.leftMargin: 20
                Layout.rightMargin: 20
                Layout.minimumHeight: 140
                onTextChanged: send.clearError()
                // an address or invoice is one line: Enter continues, Tab moves on
                Keys.onReturnPressed: (event) => { if (continueButton.enabled) continueButton.clicked(); event.accepted = true }
                Keys.onEnterPressed: (event) => { if (continueButton.enabled) continueButton.clicked(); event.accepted = true }
                Keys.onTabPressed: (event) => { pasteButton.forceActiveFocus(Qt.TabFocusReason); event.accepted = true }
            }
            RowLayout {
                objectName: "resolvingRow"
                visible: send.resolving.length > 0
                spacing: 10
                Layout.leftMargin: 20
                Layout.rightMargin: 20
                BusyIndicator { running: parent.visible; implicitWidth: 32; implicitHeight: 32 }
                Label {
                    text: qsTr("Looking up %1 and checking its DNSSEC proof…").arg(send.resolvingShown)
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
            }
            ErrorBox {
                objectName: "sendError"
                message: send.error
                detail: send.errorDetail
                Layout.leftMargin: 20
                Layout.rightMargin: 20
            }
            RowLayout {
                spacing: 12
                Layout.leftMargin: 20
                Layout.rightMargin: 20
                KiteButton {
                    id: pasteButton
                    objectName: "pasteButton"
                    text: qsTr("Paste")
                    primary: false
                    icon.source: iconsDir + "paste.svg"
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    onClicked: send.pasteClipboard()
                }
                KiteButton {
                    objectName: "openImageButton"
                    text: qsTr("QR image")
                    primary: false
                    icon.source: iconsDir + "image.svg"
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    onClicked: imageDialog.open()
                }
                KiteButton {
                    objectName: "scanButton"
                    visible: scanner.hasCamera
                    text: qsTr("Scan")
                    primary: false
                    icon.source: iconsDir + "camera.svg"
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    onClicked: window.show("ScanPage.qml")
                }
            }
            // kite --demo: the devnet's shop offers an invoice to pay
            KiteButton {
                objectName: "demoShopInvoiceButton"
                visible: demo.enabled
                enabled: !demo.busy
                text: demo.busy ? demo.status : qsTr("Demo: pay the shop")
                primary: false
                icon.source: iconsDir + "store.svg"
                Layout.fillWidth: true
                Layout.leftMargin: 20
                Layout.rightMargin: 20
                onClicked: demo.requestInvoice()
            }
            Label {
                objectName: "demoSendError"
                visible: demo.enabled && demo.sendError.length > 0
                text: demo.sendError
                color: "#d93a3a"
                wrapMode: Text.Wrap
                Layout.fillWidth: true
                Layout.leftMargin: 20
                Layout.rightMargin: 20
            }
            Item { Layout.fillHeight: true }
            KiteButton {
                id: continueButton
                objectName: "sendContinueButton"
                text: qsTr("Continue")
                enabled: input.text.trim().length > 0 && send.resolving.length === 0
                Layout.fillWidth: true
                Layout.margins: 20
                onClicked: send.parse(input.text)
            }
        }

        // 1: confirm
        Flickable {
            contentHeight: confirmColumn.implicitHeight + 40
            clip: true
            ColumnLayout {
                id: confirmColumn
                x: 20
                width: parent.width - 40
                spacing: 14

                Card {
                    implicitHeight: amountColumn.implicitHeight + 32
                    ColumnLayout {
                        id: amountColumn
                        anchors.fill: parent
                        anchors.margins: 16
                        spacing: 6
                        Label { text: qsTr("Amount"); opacity: 0.65; font.pixelSize: 13 }
                        Label {
                            visible: !send.amountEditable
                            objectName: "confirmAmount"
                            text: settings.formatSat(send.amountSat)
                            font.pixelSize: 30
                            font.weight: Font.Bold
                        }
                        TextField {
                            id: amountField
                            objectName: "sendAmount"
                            visible: send.amountEditable && !send.sendMax
                            placeholderText: qsTr("Amount in ") + (settings.unit === "btc" ? "BTC" : "sat")
                            inputMethodHints: Qt.ImhFormattedNumbersOnly
                            font.pixelSize: 22
                            Layout.fillWidth: true
                            onTextChanged: send.setAmount(text)
                            // Enter moves to the Send button: a second Enter sends what is shown
                            onAccepted: if (confirmSendButton.enabled) confirmSendButton.forceActiveFocus(Qt.TabFocusReason)
                        }
                        FiatAmountField { target: amountField; visible: amountField.visible && fiat.ready }
                        FiatLine { objectName: "sendAmountFiat"; sat: send.amountSat; visible: !amountField.visible && text.length > 0 }
                        Label {
                            visible: send.amountEditable && send.sendMax
                            text: send.amountSat > 0 ? settings.formatSat(send.amountSat) : qsTr("Everything in the wallet")
                            font.pixelSize: 22
                        }
                        Label { visible: send.amountError.length > 0; text: send.amountError; color: "#d93a3a" }
                        Switch {
                            objectName: "sendMaxSwitch"
                            visible: send.amountEditable && !send.lightning
                            text: qsTr("Send everything")
                            checked: send.sendMax
                            onToggled: send.setSendMax(checked)
                        }
                    }
                }
                Card {
                    objectName: "offerChoices"
                    visible: send.kind === "offer"
                    implicitHeight: offerColumn.implicitHeight + 32
                    ColumnLayout {
                        id: offerColumn
                        anchors.fill: parent
                        anchors.margins: 16
                        spacing: 6
                        RowLayout {
                            visible: send.quantityAllowed
                            spacing: 12
                            Layout.fillWidth: true
                            Label { text: qsTr("Quantity"); opacity: 0.65; font.pixelSize: 13 }
                            TextField {
                                id: quantityField
                                objectName: "quantityField"
                                text: "1"
                                inputMethodHints: Qt.ImhDigitsOnly
                                horizontalAlignment: TextInput.AlignRight
                                Layout.preferredWidth: 90
                                onTextChanged: send.setQuantity(text)
                            }
                            Label {
                                objectName: "quantityText"
                                text: send.quantityText
                                opacity: 0.75
                                Layout.fillWidth: true
                            }
                        }
                        Label { visible: send.quantityError.length > 0; text: send.quantityError; color: "#d93a3a"; wrapMode: Text.Wrap; Layout.fillWidth: true }
                        Label { text: qsTr("Note to the recipient (optional; they see it as written)"); opacity: 0.65; font.pixelSize: 13; wrapMode: Text.Wrap; Layout.fillWidth: true }
                        TextField {
                            id: noteField
                            objectName: "payerNoteField"
                            placeholderText: qsTr("e.g. Table 4, or your order number")
                            Layout.fillWidth: true
                            onTextChanged: send.setNote(text)
                        }
                        Label { visible: send.noteError.length > 0; text: send.noteError; color: "#d93a3a"; wrapMode: Text.Wrap; Layout.fillWidth: true }
                    }
                }
                RowLayout {
                    visible: send.canChooseMethod
                    spacing: 8
                    Layout.fillWidth: true
                    KiteButton {
                        objectName: "methodLightning"
                        text: qsTr("Lightning")
                        icon.source: iconsDir + "lightning.svg"
                        primary: send.lightning
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        onClicked: send.setMethod("lightning")
                    }
                    KiteButton {
                        objectName: "methodOnchain"
                        text: qsTr("On-chain")
                        primary: !send.lightning
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        onClicked: send.setMethod("onchain")
                    }
                }
                InfoRow { label: qsTr("Paying"); value: send.methodText }
                InfoRow { label: qsTr("To"); value: send.recipient; mono: true }
                InfoRow { objectName: "nameRow"; label: qsTr("Name (BIP 353)"); value: send.bip353NameShown }
                Label {
                    objectName: "dnssecLabel"
                    visible: send.bip353Name.length > 0
                    text: qsTr("✓ DNSSEC proof checked: the domain's signed DNS records name these payment details.")
                    color: "#2e9e5b"
                    wrapMode: Text.Wrap
                    font.pixelSize: 14
                    Layout.fillWidth: true
                }
                InfoRow { label: qsTr("For"); value: send.description }
                InfoRow { objectName: "feeRow"; label: send.lightning ? qsTr("Lightning fee") : qsTr("Network fee"); value: send.feeText }
                OnchainFeeChoice { visible: !send.lightning && (send.stage === "confirm" || send.stage === "failed") }
                InfoRow { objectName: "totalRow"; label: qsTr("Total"); value: send.totalText }
                FiatLine { objectName: "sendTotalFiat"; sat: send.totalSat; visible: send.totalText.length > 0 && text.length > 0 }
                CheckBox {
                    objectName: "acceptHighFee"
                    visible: send.highFeeWarning.length > 0
                    text: send.highFeeWarning + qsTr(" I accept this fee.")
                    checked: send.highFeeAccepted
                    onToggled: send.setHighFeeAccepted(checked)
                    Layout.fillWidth: true
                    contentItem: Label {
                        text: parent.text
                        wrapMode: Text.Wrap
                        leftPadding: parent.indicator.width + parent.spacing
                        verticalAlignment: Text.AlignVCenter
                    }
                }
                InfoRow { objectName: "expiryRow"; label: qsTr("Invoice"); value: send.expiresAt > 0 && send.lightning ? page.expiryText() : "" }
                Label {
                    objectName: "cannotSendReason"
                    visible: text.length > 0
                    text: send.cannotSendReason
                    wrapMode: Text.Wrap
                    opacity: 0.75
                    font.pixelSize: 14
                    Layout.fillWidth: true
                }
                KiteButton {
                    id: confirmSendButton
                    objectName: "confirmSendButton"
                    text: send.lightning ? qsTr("Pay") : qsTr("Send")
                    icon.source: iconsDir + (send.lightning ? "lightning.svg" : "send.svg")
                    enabled: send.canSend
                    Layout.fillWidth: true
                    onClicked: send.send()
                }
                KiteButton {
                    text: qsTr("Cancel")
                    primary: false
                    flat: true
                    Layout.fillWidth: true
                    onClicked: send.reset()
                }
            }
        }

        // 2: sending
        ColumnLayout {
            Item { Layout.fillHeight: true }
            BusyIndicator { running: send.stage === "sending"; implicitWidth: 72; implicitHeight: 72; Layout.alignment: Qt.AlignHCenter }
            Label { text: send.lightning ? qsTr("Paying over Lightning…") : qsTr("Sending…"); font.pixelSize: 20; horizontalAlignment: Text.AlignHCenter; Layout.fillWidth: true }
            Label { text: settings.formatSat(send.amountSat); opacity: 0.7; horizontalAlignment: Text.AlignHCenter; Layout.fillWidth: true }
            Item { Layout.fillHeight: true }
        }

        // 3: done
        ColumnLayout {
            spacing: 12
            Item { Layout.fillHeight: true }
            Image { source: iconsDir + "check.svg"; sourceSize: Qt.size(96, 96); Layout.alignment: Qt.AlignHCenter }
            Label { objectName: "sentTitle"; text: send.lightning ? qsTr("Paid") : qsTr("Sent"); font.pixelSize: 26; font.weight: Font.Bold; Layout.alignment: Qt.AlignHCenter }
            Label { text: settings.formatSat(send.amountSat); font.pixelSize: 18; Layout.alignment: Qt.AlignHCenter }
            InfoRow { label: qsTr("Transaction"); value: send.txid; mono: true; copyable: true; Layout.leftMargin: 20; Layout.rightMargin: 20 }
            InfoRow { objectName: "paidFeeRow"; label: qsTr("Lightning fee"); value: send.lightning && send.feeMsat >= 0 ? settings.formatMsat(send.feeMsat) : ""; Layout.leftMargin: 20; Layout.rightMargin: 20 }
            InfoRow { objectName: "proofRow"; label: qsTr("Proof of payment (preimage)"); value: send.preimage; mono: true; copyable: true; Layout.leftMargin: 20; Layout.rightMargin: 20 }
            Item { Layout.fillHeight: true }
            KiteButton { id: doneButton; objectName: "doneButton"; text: qsTr("Done"); Layout.fillWidth: true; Layout.margins: 20; onClicked: { send.reset(); window.stack.pop() } }
        }

        // 4: failed
        ColumnLayout {
            spacing: 12
            Item { Layout.fillHeight: true }
            Image { source: iconsDir + "error.svg"; sourceSize: Qt.size(96, 96); Layout.alignment: Qt.AlignHCenter }
            Label { text: send.lightning ? qsTr("Not paid") : qsTr("Not sent"); font.pixelSize: 26; font.weight: Font.Bold; Layout.alignment: Qt.AlignHCenter }
            ErrorBox { message: send.failure; detail: send.failureDetail; Layout.leftMargin: 20; Layout.rightMargin: 20 }
            Item { Layout.fillHeight: true }
            KiteButton { id: retryButton; objectName: "retryButton"; visible: send.canRetry; text: qsTr("Try again"); Layout.fillWidth: true; Layout.leftMargin: 20; Layout.rightMargin: 20; onClicked: send.retry() }
            KiteButton { id: failedCloseButton; objectName: "failedCloseButton"; text: send.canRetry ? qsTr("Cancel") : qsTr("Close"); primary: !send.canRetry; flat: send.canRetry; Layout.fillWidth: true; Layout.margins: 20; onClicked: { send.reset(); window.stack.pop() } }
        }
    }
}
