// One "label: value" line on a detail or confirmation page.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

ColumnLayout {
    property string label: ""
    property string value: ""
    property bool mono: false
    property bool copyable: false
    spacing: 2
    Layout.fillWidth: true
    visible: value.length > 0
    Label { text: parent.label; opacity: 0.65; font.pixelSize: 13 }
    RowLayout {
        Layout.fillWidth: true
        Label {
            text: parent.parent.value
            font.pixelSize: 16
            font.family: parent.parent.mono ? "monospace" : Qt.application.font.family
            wrapMode: parent.parent.mono ? Text.WrapAnywhere : Text.Wrap
            Layout.fillWidth: true
        }
        ToolButton {
            visible: parent.parent.copyable
            icon.source: iconsDir + "copy.svg"
            onClicked: receive.copy(parent.parent.value)
        }
    }
}
