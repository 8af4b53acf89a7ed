// The camera's picture; the first QR code seen goes to the Send page. Only reachable when
// scanner.hasCamera (QtMultimedia is imported by this page alone).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtMultimedia

Page {
    objectName: "scanPage"
    header: PageHeader { title: qsTr("Scan a QR code"); onBack: { scanner.stop(); window.stack.pop() } }
    Rectangle { anchors.fill: parent; color: "black" }  // the content area only: the header keeps the theme
    VideoOutput {
        id: video
        anchors.fill: parent
        fillMode: VideoOutput.PreserveAspectCrop
    }
    Rectangle {
        anchors.centerIn: parent
        width: Math.min(parent.width, parent.height) * 0.7
        height: width
        color: "transparent"
        border.color: "white"
        border.width: 3
        radius: 16
    }
    Label {
        anchors.bottom: parent.bottom
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottomMargin: 32
        text: scanner.error.length > 0 ? scanner.error : qsTr("Point the camera at a QR code")
        color: "white"
        font.pixelSize: 16
    }
    Component.onCompleted: scanner.start(video.videoSink)
    Component.onDestruction: scanner.stop()
    Connections {
        target: scanner
        function onFound(text) { window.stack.pop(); send.parse(text) }
    }
}
