// The window: a phone-sized StackView of pages, Material light/dark from the settings.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

ApplicationWindow {
    id: window
    objectName: "kiteWindow"
    width: 400
    height: 800
    minimumWidth: 320
    minimumHeight: 560
    visible: true
    title: session.network === "mainnet" ? qsTr("Kite") : qsTr("Kite (") + session.network + ")"

    Material.theme: settings.theme === "dark" ? Material.Dark
                  : settings.theme === "light" ? Material.Light : Material.System
    Material.accent: Material.theme === Material.Dark ? "#4f7fe8" : "#2f6feb"
    Material.primary: "#2f6feb"

    property alias stack: stack
    readonly property bool stackBusy: stack.busy
    readonly property string currentPage: stack.currentItem ? stack.currentItem.objectName : ""

    function startPage() {
        if (session.state === "open") return "HomePage.qml"
        if (session.demo && session.state === "new") return "DemoStartPage.qml"
        if (session.state === "new") return "WelcomePage.qml"
        return "UnlockPage.qml"
    }
    function show(page, props) { stack.push(page, props || {}) }
    function home() { stack.replace(null, "HomePage.qml") }

    header: Rectangle {
        visible: session.demo || session.network !== "mainnet"
        height: visible ? 28 : 0
        color: session.demo ? "#f5a623" : "#6a4fc9"
        Label {
            anchors.centerIn: parent
            // on a phone-wide window, make room for "Mine a block" on the right
            anchors.horizontalCenterOffset: mineBlock.visible && window.width < 600 ? -(mineBlock.width / 2 + 6) : 0
            text: session.demo ? qsTr("Demo network: not real money") : session.network.toUpperCase() + qsTr(" network: not real money")
            color: "white"
            font.pixelSize: 13
            font.weight: Font.DemiBold
        }
        // kite --demo: blocks come every demo.mineIntervalSeconds; one more on demand
        Label {
            id: mineBlock
            objectName: "mineBlockButton"
            visible: session.demo && demo.enabled
            enabled: !demo.mining
            anchors.right: parent.right
            anchors.rightMargin: 10
            anchors.verticalCenter: parent.verticalCenter
            text: demo.mining ? qsTr("Mining…") : qsTr("Mine a block")
            color: "white"
            font.pixelSize: 13
            font.underline: true
            TapHandler { enabled: parent.enabled; onTapped: demo.mineBlock() }
            HoverHandler { cursorShape: Qt.PointingHandCursor }
        }
    }

    // A phone-width column, centred: on a desktop window pages keep their proportions
    // (lines of text and the QR code do not stretch across 1 200 px).
    readonly property int columnWidth: 520
    StackView {
        id: stack
        objectName: "pageColumn"
        anchors.top: parent.top
        anchors.bottom: parent.bottom
        anchors.horizontalCenter: parent.horizontalCenter
        width: Math.min(parent.width, window.columnWidth)
        clip: true
        initialItem: window.startPage()
    }

    // Escape goes back, as the page's back arrow does (nothing when there is no way back)
    function goBack() {
        var page = stack.currentItem
        var bar = page ? page.header : null
        if (bar && bar.canGoBack === true && bar.visible && typeof bar.back === "function") bar.back()
    }
    Shortcut { sequences: [StandardKey.Cancel, StandardKey.Back]; onActivated: window.goBack() }

    Connections {
        target: session
        function onStateChanged() {
            if (session.state === "open") window.home()
            else if (session.state === "locked" && window.currentPage !== "unlockPage")
                stack.replace(null, "UnlockPage.qml")
        }
        function onNavigate(page) { if (page === "home") window.home(); else stack.push(page) }
    }

    // Short confirmations ("Copied") at the bottom of the window.
    Rectangle {
        id: toast
        property alias text: toastLabel.text
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.bottomMargin: 32
        radius: 20
        color: "#323232"
        width: toastLabel.implicitWidth + 40
        height: 40
        opacity: 0
        Label { id: toastLabel; anchors.centerIn: parent; color: "white" }
        Behavior on opacity { NumberAnimation { duration: 150 } }
        Timer { id: toastTimer; interval: 1600; onTriggered: toast.opacity = 0 }
        function show(text) { toast.text = text; toast.opacity = 0.95; toastTimer.restart() }
    }
    Connections { target: receive; function onNotice(text) { toast.show(text) } }
    Connections { target: channels; function onNotice(text) { toast.show(text) } }
    Connections { target: links; function onNotice(text) { toast.show(text) } }
}
