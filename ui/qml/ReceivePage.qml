import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Dialogs
import QtQuick.Layouts

Page {
    id: page
    objectName: "receivePage"
    readonly property bool requestTab: tabs.currentIndex === 0
    readonly property string shownText: requestTab ? receive.uri : receive.address
    readonly property string shownQr: requestTab ? receive.uriQr : receive.addressQr
    header: PageHeader { title: "Receive"; onBack: window.stack.pop() }
    Component.onCompleted: if (receive.canReceive) receive.refresh()  // a fresh unused address each time

    property double receivedSat: 0
    Connections {
        target: walletModel
        function onReceived(sat) { page.receivedSat = sat }
    }

    // "Received N sat" covers the page the moment a payment arrives.
    Rectangle {
        objectName: "receivedBanner"
        anchors.fill: parent
        z: 10
        visible: page.receivedSat > 0
        color: Material.backgroundColor
        ColumnLayout {
            anchors.centerIn: parent
            width: parent.width - 48
            spacing: 12
            Image { source: iconsDir + "check.svg"; sourceSize: Qt.size(96, 96); Layout.alignment: Qt.AlignHCenter }
            Label {
                objectName: "receivedText"
                text: "Received " + settings.formatSat(page.receivedSat)
                font.pixelSize: 26
                font.weight: Font.Bold
                horizontalAlignment: Text.AlignHCenter
                Layout.fillWidth: true
            }
            Label {
                text: "It is on its way: it counts as confirmed after the next block."
                wrapMode: Text.Wrap
                opacity: 0.7
                horizontalAlignment: Text.AlignHCenter
                Layout.fillWidth: true
            }
            KiteButton {
                text: "Done"
                Layout.fillWidth: true
                Layout.topMargin: 24
                onClicked: window.stack.pop()
            }
        }
    }

    FileDialog {
        id: saveDialog
        fileMode: FileDialog.SaveFile
        nameFilters: ["PNG image (*.png)"]
        defaultSuffix: "png"
        onAccepted: receive.saveImage(page.shownText, selectedFile.toString())
    }

    Flickable {
        anchors.fill: parent
        contentHeight: column.implicitHeight + 32
        clip: true
        ColumnLayout {
            id: column
            x: 20
            width: parent.width - 40
            spacing: 12

            TabBar {
                id: tabs
                objectName: "receiveTabs"
                Layout.fillWidth: true
                TabButton { text: "Payment request"; font.capitalization: Font.MixedCase }
                TabButton { text: "Address only"; font.capitalization: Font.MixedCase }
            }

            Rectangle {
                objectName: "qrCard"
                color: "white"
                radius: 16
                Layout.fillWidth: true
                Layout.preferredHeight: width
                visible: page.shownText.length > 0
                Image {
                    objectName: "qrImage"
                    anchors.fill: parent
                    anchors.margins: 8
                    source: page.shownQr
                    sourceSize: Qt.size(600, 600)
                    fillMode: Image.PreserveAspectFit
                    smooth: false
                    cache: false
                }
            }

            Card {
                visible: page.shownText.length === 0
                Layout.preferredHeight: 220
                ColumnLayout {
                    anchors.centerIn: parent
                    width: parent.width - 40
                    spacing: 10
                    BusyIndicator { running: receive.busy; visible: receive.busy; Layout.alignment: Qt.AlignHCenter }
                    Label {
                        visible: !receive.busy
                        text: receive.error.length > 0 ? receive.error
                            : receive.canReceive ? "No address yet."
                            : "Kite is not connected yet, so it cannot give you an address to receive to."
                        wrapMode: Text.Wrap
                        horizontalAlignment: Text.AlignHCenter
                        font.pixelSize: 16
                        Layout.fillWidth: true
                    }
                    KiteButton {
                        visible: !receive.busy && receive.canReceive
                        text: "Try again"
                        primary: false
                        Layout.alignment: Qt.AlignHCenter
                        onClicked: receive.refresh()
                    }
                }
            }

            Label {
                objectName: "receiveText"
                text: page.shownText
                visible: text.length > 0
                font.family: "monospace"
                font.pixelSize: 14
                wrapMode: Text.WrapAnywhere
                horizontalAlignment: Text.AlignHCenter
                Layout.fillWidth: true
            }

            RowLayout {
                spacing: 12
                Layout.fillWidth: true
                enabled: page.shownText.length > 0
                KiteButton {
                    objectName: "copyButton"
                    text: "Copy"
                    icon.source: iconsDir + "copy.svg"
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    onClicked: receive.copy(page.shownText)
                }
                KiteButton {
                    text: "Save image"
                    primary: false
                    icon.source: iconsDir + "save.svg"
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    onClicked: saveDialog.open()
                }
            }

            ColumnLayout {
                visible: page.requestTab
                spacing: 4
                Layout.fillWidth: true
                TextField {
                    objectName: "receiveAmount"
                    placeholderText: "Amount (" + (settings.unit === "btc" ? "BTC" : "sat") + "), optional"
                    inputMethodHints: Qt.ImhFormattedNumbersOnly
                    font.pixelSize: 17
                    Layout.fillWidth: true
                    onTextChanged: receive.setAmount(text)
                }
                Label {
                    visible: receive.amountError.length > 0
                    text: receive.amountError
                    color: "#d93a3a"
                }
                TextField {
                    objectName: "receiveDescription"
                    placeholderText: "Description, optional"
                    font.pixelSize: 17
                    Layout.fillWidth: true
                    onTextChanged: receive.setDescription(text)
                }
            }
        }
    }
}
