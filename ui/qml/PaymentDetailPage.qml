import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

Page {
    objectName: "paymentDetailPage"
    property var item: ({})
    header: PageHeader { title: "Payment"; onBack: window.stack.pop() }

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
                text: (item.deltaSat || 0) >= 0 ? "Received" : "Sent"
                opacity: 0.65
                font.pixelSize: 15
            }
            Label {
                text: settings.formatSigned(item.deltaSat || 0)
                font.pixelSize: 32
                font.weight: Font.Bold
                color: (item.deltaSat || 0) >= 0 ? "#2e9d57" : Material.foreground
            }
            InfoRow {
                label: "Status"
                value: item.status === "Pending" ? "Pending: waiting for the first confirmation"
                     : (item.confirmations > 0 ? "Confirmed (" + item.confirmations + " confirmations)" : (item.status || ""))
            }
            InfoRow { label: "Network fee"; value: item.feeSat >= 0 ? settings.formatSat(item.feeSat) : "" }
            InfoRow { label: "Date"; value: item.dateText || "" }
            InfoRow { label: "Block"; value: item.height > 0 ? String(item.height) : "" }
            InfoRow { label: "Transaction id"; value: item.txid || ""; mono: true; copyable: true }
            InfoRow { label: "Kind"; value: item.kind === "onchain" ? "On-chain" : (item.kind || "") }
        }
    }
}
