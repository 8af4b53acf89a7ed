// An error as a sentence, with the technical detail one tap away.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

Rectangle {
    id: box
    property string message: ""
    property string detail: ""
    // Details only when they add something to the sentence
    readonly property bool hasDetail: detail.length > 0 && detail.trim() !== message.trim()
    property bool showDetail: false
    property bool dismissible: false
    signal dismissed()
    visible: message.length > 0
    radius: 12
    color: Material.theme === Material.Dark ? "#3b1f22" : "#fdecea"
    border.color: Material.theme === Material.Dark ? "#7a3037" : "#f3b8b3"
    implicitHeight: column.implicitHeight + 24
    Layout.fillWidth: true
    onMessageChanged: showDetail = false

    ColumnLayout {
        id: column
        anchors.fill: parent
        anchors.margins: 12
        spacing: 4
        RowLayout {
            Layout.fillWidth: true
            Label {
                objectName: "errorMessage"
                text: box.message
                wrapMode: Text.Wrap
                color: Material.theme === Material.Dark ? "#ffb4ab" : "#8c1d18"
                font.pixelSize: 15
                Layout.fillWidth: true
            }
            Label {
                visible: box.dismissible
                text: "\u2715"
                font.pixelSize: 18
                opacity: 0.7
                Layout.alignment: Qt.AlignTop
                TapHandler { onTapped: box.dismissed() }
            }
        }
        Label {
            objectName: "errorDetailsLink"
            visible: box.hasDetail
            text: box.showDetail ? qsTr("Hide details") : qsTr("Details")
            color: Material.accent
            font.pixelSize: 13
            font.underline: true
            TapHandler { onTapped: box.showDetail = !box.showDetail }
        }
        Label {
            objectName: "errorDetailText"
            visible: box.showDetail && box.hasDetail
            text: box.detail
            wrapMode: Text.WrapAnywhere
            font.family: "monospace"
            font.pixelSize: 12
            opacity: 0.8
            Layout.fillWidth: true
        }
    }
}
