// A big, phone-sized button. Under the software renderer (offscreen, some VMs) Material's
// elevation layer renders the background invisible, so the layer is switched off there.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material

Button {
    id: control
    property bool primary: true
    font.pixelSize: 16
    font.capitalization: Font.MixedCase
    implicitHeight: 56
    highlighted: primary
    Material.roundedScale: Material.MediumScale
    icon.width: 22
    icon.height: 22
    // GraphicsInfo is only known once the button is in a window: check again then.
    readonly property bool softwareRenderer: kiteSoftware || GraphicsInfo.api === GraphicsInfo.Software
    // Enter and Return press the focused button (Space already does)
    Keys.onReturnPressed: (event) => { if (control.enabled) control.clicked(); event.accepted = true }
    Keys.onEnterPressed: (event) => { if (control.enabled) control.clicked(); event.accepted = true }
    // a focus ring that shows where the keyboard is, in both themes
    Rectangle {
        objectName: "focusRing"
        anchors.fill: parent
        anchors.topMargin: 4
        anchors.bottomMargin: 4
        radius: 14
        color: "transparent"
        border.width: 3
        border.color: control.Material.theme === Material.Dark ? "#9dbcff" : "#1a4fc4"
        visible: control.visualFocus
        z: 10
    }
    onSoftwareRendererChanged: if (softwareRenderer && background) background.layer.enabled = false
    Component.onCompleted: if (softwareRenderer && background) background.layer.enabled = false
}
