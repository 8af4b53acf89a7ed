// LNURL and Lightning addresses: what the service offers, the user's choice, the outcome.
// Pay (amount within the service's range, comment when it takes one), withdraw (into
// this wallet, bounded by what the channels can receive), login (signed only on the button).
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

Page {
    id: page
    objectName: "lnurlPage"
    header: PageHeader {
        title: lnurl.stage === "pay" ? qsTr("Pay") : lnurl.stage === "withdraw" ? qsTr("Withdraw")
             : lnurl.stage === "auth" ? qsTr("Log in") : lnurl.stage === "input" ? qsTr("Withdraw from a code")
             : qsTr("LNURL")
        canGoBack: lnurl.stage !== "working"
        onBack: { lnurl.reset(); window.stack.pop() }
    }
    // the first field of each stage has the focus: the code, then the amount (or comment)
    function focusFirst() {
        if (lnurl.stage === "input") codeInput.forceActiveFocus()
        else if (amountField.visible) amountField.forceActiveFocus()
        else if (commentField.visible) commentField.forceActiveFocus()
    }
    property string focusedStage: ""
    StackView.onActivated: { focusedStage = lnurl.stage; focusFirst() }
    Connections {
        target: lnurl
        function onChanged() {  // once per new stage (not on every keystroke)
            if (lnurl.stage !== page.focusedStage) { page.focusedStage = lnurl.stage; Qt.callLater(page.focusFirst) }
        }
    }

    Flickable {
        anchors.fill: parent
        contentHeight: column.implicitHeight + 40
        clip: true
        ColumnLayout {
            id: column
            x: 20
            width: parent.width - 40
            spacing: 14

            // input: paste a withdraw code (from Receive)
            Label {
                visible: lnurl.stage === "input"
                text: qsTr("Paste an LNURL code or a Lightning address.")
                wrapMode: Text.Wrap
                font.pixelSize: 15
                Layout.fillWidth: true
            }
            TextArea {
                id: codeInput
                objectName: "lnurlInput"
                visible: lnurl.stage === "input"
                placeholderText: qsTr("LNURL…")
                wrapMode: TextEdit.WrapAnywhere
                Layout.fillWidth: true
                Layout.minimumHeight: 120
            }
            KiteButton {
                objectName: "lnurlContinueButton"
                visible: lnurl.stage === "input"
                text: qsTr("Continue")
                enabled: codeInput.text.trim().length > 0
                Layout.fillWidth: true
                onClicked: lnurl.start(codeInput.text)
            }

            BusyIndicator {
                visible: lnurl.stage === "loading" || lnurl.stage === "working"
                running: visible
                Layout.alignment: Qt.AlignHCenter
                Layout.topMargin: 40
            }
            Label {
                visible: lnurl.stage === "loading" || lnurl.stage === "working"
                text: lnurl.stage === "loading" ? qsTr("Asking the service…")
                      : lnurl.stage === "working" && lnurl.resultTitle === "" ? qsTr("Working…") : ""
                Layout.alignment: Qt.AlignHCenter
            }

            // pay / withdraw / auth: who and what
            Card {
                visible: ["pay", "withdraw", "auth"].indexOf(lnurl.stage) >= 0
                implicitHeight: whoColumn.implicitHeight + 32
                ColumnLayout {
                    id: whoColumn
                    anchors.fill: parent
                    anchors.margins: 16
                    spacing: 10
                    Image {
                        visible: lnurl.imageSource.length > 0
                        source: lnurl.imageSource
                        sourceSize.width: 96
                        sourceSize.height: 96
                        fillMode: Image.PreserveAspectFit
                        Layout.preferredWidth: 96
                        Layout.preferredHeight: 96
                    }
                    InfoRow {
                        objectName: "lnurlService"
                        label: lnurl.stage === "pay" ? qsTr("To") : lnurl.stage === "withdraw" ? qsTr("From") : qsTr("Site")
                        value: lnurl.address.length > 0 ? lnurl.address + " (" + lnurl.service + ")" : lnurl.service
                    }
                    InfoRow { objectName: "lnurlDescription"; label: qsTr("Description"); value: lnurl.description }
                    InfoRow { label: qsTr("Details"); value: lnurl.longDescription }
                    InfoRow {
                        objectName: "lnurlRange"
                        label: lnurl.stage === "withdraw" ? qsTr("Offered") : qsTr("Accepted amounts")
                        value: lnurl.stage === "auth" ? "" : lnurl.fixed ? lnurl.amountText
                               : settings.formatSat(lnurl.minSat) + qsTr(" to ") + settings.formatSat(lnurl.maxSat)
                    }
                    InfoRow {
                        label: qsTr("Your channels can receive about")
                        value: lnurl.stage === "withdraw" && lnurl.receivableSat >= 0 ? settings.formatSat(lnurl.receivableSat) : ""
                    }
                    InfoRow {
                        objectName: "lnurlAction"
                        label: qsTr("It asks you to")
                        value: lnurl.stage === "auth" ? lnurl.actionText : ""
                    }
                    InfoRow { label: qsTr("Your key for this site"); value: lnurl.stage === "auth" ? lnurl.key : ""; mono: true }
                }
            }

            // amount and comment
            TextField {
                id: amountField
                objectName: "lnurlAmount"
                visible: (lnurl.stage === "pay" || lnurl.stage === "withdraw") && !lnurl.fixed
                placeholderText: qsTr("Amount in ") + (settings.unit === "btc" ? "BTC" : "sat")
                inputMethodHints: Qt.ImhFormattedNumbersOnly
                font.pixelSize: 22
                Layout.fillWidth: true
                onTextChanged: lnurl.setAmount(text)
            }
            Label { visible: lnurl.amountError.length > 0; text: lnurl.amountError; color: "#d93a3a"; wrapMode: Text.Wrap; Layout.fillWidth: true }
            TextField {
                id: commentField
                objectName: "lnurlComment"
                visible: lnurl.stage === "pay" && lnurl.commentAllowed > 0
                placeholderText: qsTr("Comment for the recipient (optional)")
                maximumLength: lnurl.commentAllowed
                Layout.fillWidth: true
                onTextChanged: lnurl.setComment(text)
            }
            Label {
                visible: lnurl.stage === "pay"
                text: qsTr("Routing fee: at most ") + settings.formatSat(settings.feeCapSat(Math.max(lnurl.amountSat, 0))) + " (" + settings.feeCapRule + ")"
                opacity: 0.65
                Layout.fillWidth: true
            }
            Label {
                visible: lnurl.stage === "auth"
                text: qsTr("Nothing is paid. Kite signs the site's challenge with a key made for this site only.")
                wrapMode: Text.Wrap
                opacity: 0.65
                Layout.fillWidth: true
            }
            KiteButton {
                objectName: "lnurlConfirmButton"
                visible: ["pay", "withdraw", "auth"].indexOf(lnurl.stage) >= 0
                text: lnurl.confirmText
                enabled: lnurl.canConfirm
                Layout.fillWidth: true
                onClicked: lnurl.confirm()
            }

            // outcome
            Label {
                objectName: "lnurlResultTitle"
                visible: lnurl.stage === "done"
                text: lnurl.resultTitle
                font.pixelSize: 26
                font.weight: Font.Bold
                Layout.topMargin: 30
                Layout.alignment: Qt.AlignHCenter
            }
            Label {
                objectName: "lnurlResultText"
                visible: lnurl.stage === "done" && lnurl.resultText.length > 0
                text: lnurl.resultText
                wrapMode: Text.Wrap
                font.pixelSize: 16
                Layout.fillWidth: true
            }
            InfoRow { label: qsTr("Link from the service"); value: lnurl.stage === "done" ? lnurl.resultUrl : ""; copyable: true }
            ErrorBox {
                objectName: "lnurlError"
                visible: lnurl.stage === "failed"
                message: lnurl.error
                detail: lnurl.errorDetail
            }
            KiteButton {
                objectName: "lnurlDoneButton"
                visible: lnurl.stage === "done" || lnurl.stage === "failed"
                text: qsTr("Done")
                Layout.fillWidth: true
                onClicked: { lnurl.reset(); window.home() }
            }
        }
    }
}
