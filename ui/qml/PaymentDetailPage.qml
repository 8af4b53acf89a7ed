import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

Page {
    id: page
    objectName: "paymentDetailPage"
    property var item: ({})
    property string note: item.note || ""
    readonly property bool lightning: item.kind === "lightning"
    header: PageHeader { title: qsTr("Payment"); onBack: window.stack.pop() }

    Flickable {
        anchors.fill: parent
        contentHeight: column.implicitHeight + 40
        clip: true
        ColumnLayout {
            id: column
            x: 20
            width: parent.width - 40
            spacing: 16
            Label {
                text: item.label ? qsTr("%1 (on-chain)").arg(item.labelText || item.label)
                      : (item.status === "Failed" ? qsTr("Not sent") : (item.deltaSat || 0) >= 0 ? qsTr("Received") : qsTr("Sent"))
                        + (lightning ? qsTr(" over Lightning") : qsTr(" on-chain"))
                opacity: 0.65
                font.pixelSize: 15
            }
            Label {
                objectName: "detailAmount"
                text: settings.formatSigned(item.deltaSat || 0)
                font.pixelSize: 32
                font.weight: Font.Bold
                color: (item.deltaSat || 0) >= 0 ? "#2e9d57" : Material.foreground
            }
            FiatLine { objectName: "detailFiat"; sat: Math.abs(item.deltaSat || 0); text: fiat.ready && fiat.rateText.length > 0 ? qsTr("%1 at today's rate").arg(fiat.fiatText(sat)) : "" }
            InfoRow {
                objectName: "detailStatus"
                label: qsTr("Status")
                value: lightning ? (item.statusText || "")
                     : item.status === "Pending" ? qsTr("Pending: waiting for the first confirmation")
                     : (item.confirmations > 0 ? qsTr("Confirmed (%1 confirmations)").arg(item.confirmations) : (item.statusText || ""))
            }
            InfoRow { label: qsTr("For"); value: item.description || "" }
            InfoRow { objectName: "detailPayerNote"; label: qsTr("Payer's note"); value: item.payerNote || "" }
            NoteEditor {
                ref: item.txid || item.paymentHash || ""
                note: page.note
                onSaved: (text) => page.note = text
            }
            InfoRow { objectName: "detailFailure"; label: qsTr("Why it failed"); value: item.failure || "" }
            InfoRow { objectName: "detailFailureCode"; label: qsTr("Details"); value: item.failureDetail || ""; mono: true }
            SpeedUpBox {
                txid: item.txid || ""
                // a channel's funding is sped up by CPFP: replacing it would break the channel
                funding: item.label === "Channel opened"
                outgoing: (item.deltaSat || 0) < 0 && !funding
                visible: !lightning && item.status === "Pending" && txid.length > 0
            }
            InfoRow { objectName: "detailFee"; label: lightning ? qsTr("Lightning fee") : qsTr("Network fee"); value: item.feeMsat >= 0 ? settings.formatMsat(item.feeMsat) : "" }
            InfoRow { label: qsTr("Date"); value: item.dateText || "" }
            InfoRow { label: qsTr("Block"); value: item.height > 0 ? String(item.height) : "" }
            InfoRow { label: qsTr("Transaction id"); value: item.txid || ""; mono: true; copyable: true }
            InfoRow { objectName: "detailHash"; label: qsTr("Payment hash"); value: item.paymentHash || ""; mono: true; copyable: true }
            InfoRow { objectName: "detailPreimage"; label: qsTr("Preimage (proof of payment)"); value: item.preimage || ""; mono: true; copyable: true }
            InfoRow { label: qsTr("Invoice"); value: item.invoice || ""; mono: true; copyable: true }
        }
    }
}
