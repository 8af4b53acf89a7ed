// A page's top bar: back arrow (when there is somewhere to go back to) and a title.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

ToolBar {
    id: bar
    property string title: ""
    property bool canGoBack: true
    signal back()
    Material.background: "transparent"
    Material.elevation: 0
    implicitHeight: 60
    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: 4
        anchors.rightMargin: 12
        ToolButton {
            objectName: "backButton"
            visible: bar.canGoBack
            icon.source: iconsDir + "back.svg"
            icon.width: 24
            icon.height: 24
            implicitWidth: 56
            implicitHeight: 56
            onClicked: bar.back()
        }
        Label {
            text: bar.title
            font.pixelSize: 20
            font.weight: Font.DemiBold
            leftPadding: bar.canGoBack ? 0 : 16
            elide: Text.ElideRight
            Layout.fillWidth: true
        }
    }
}
