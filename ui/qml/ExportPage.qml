// The whole history to a file: CSV for a spreadsheet, or JSON; the user's notes included.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Dialogs
import QtQuick.Layouts

Page {
    id: page
    objectName: "exportPage"
    property string format: "csv"
    header: PageHeader { title: qsTr("Export history"); onBack: window.stack.pop() }

    FileDialog {
        id: fileDialog
        fileMode: FileDialog.SaveFile
        defaultSuffix: page.format
        nameFilters: page.format === "csv" ? [qsTr("CSV files (*.csv)")] : [qsTr("JSON files (*.json)")]
        onAccepted: pathField.text = historyTools.localPath(selectedFile)
    }

    Flickable {
        anchors.fill: parent
        contentWidth: width  // the column follows the page's width, never wider
        contentHeight: column.implicitHeight + 40
        clip: true
        ColumnLayout {
            id: column
            x: 20
            width: Math.min(parent.width - 40, 560)
            spacing: 10

            Label {
                text: qsTr("Every payment, on-chain and Lightning: date, direction, amount and fee in sat (exact), kind, status, description, your note, the transaction id or payment hash, and the value in your currency at the time, when Kite saw a rate within an hour of it.")
                wrapMode: Text.Wrap
                opacity: 0.75
                Layout.fillWidth: true
                Layout.topMargin: 8
            }
            ButtonGroup { id: formatGroup }
            RadioButton {
                objectName: "formatCsv"
                ButtonGroup.group: formatGroup
                text: qsTr("CSV, for a spreadsheet")
                checked: page.format === "csv"
                onClicked: { page.format = "csv"; pathField.text = pathField.text.replace(/\.json$/, ".csv") }
            }
            RadioButton {
                objectName: "formatJson"
                ButtonGroup.group: formatGroup
                text: qsTr("JSON, for programs")
                checked: page.format === "json"
                onClicked: { page.format = "json"; pathField.text = pathField.text.replace(/\.csv$/, ".json") }
            }
            Label { text: qsTr("Save to"); opacity: 0.65; font.pixelSize: 13; Layout.topMargin: 8 }
            RowLayout {
                Layout.fillWidth: true
                TextField {
                    id: pathField
                    objectName: "exportPath"
                    text: historyTools.defaultPath("csv")
                    font.pixelSize: 14
                    selectByMouse: true
                    Layout.fillWidth: true
                }
                Button {
                    objectName: "chooseFileButton"
                    text: qsTr("Choose…")
                    onClicked: fileDialog.open()
                }
            }
            KiteButton {
                objectName: "exportButton"
                text: historyTools.busy ? qsTr("Saving…") : qsTr("Save")
                enabled: !historyTools.busy && pathField.text.length > 0
                Layout.fillWidth: true
                Layout.topMargin: 8
                onClicked: historyTools.exportTo(page.format, pathField.text)
            }
            Label {
                objectName: "exportDone"
                visible: historyTools.exported.length > 0
                text: historyTools.exported
                color: "#2e9d57"
                wrapMode: Text.WrapAnywhere
                Layout.fillWidth: true
            }
            Label {
                objectName: "exportError"
                visible: historyTools.exportError.length > 0
                text: historyTools.exportError
                color: "#d93a3a"
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
        }
    }
}
