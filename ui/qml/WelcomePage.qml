import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

Page {
    objectName: "welcomePage"
    property bool advanced: false

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 24
        spacing: 16

        Item { Layout.fillHeight: true }
        Image {
            source: iconsDir + "kite.svg"
            sourceSize: Qt.size(120, 120)
            Layout.alignment: Qt.AlignHCenter
        }
        Label {
            text: qsTr("Kite")
            font.pixelSize: 40
            font.weight: Font.Bold
            Layout.alignment: Qt.AlignHCenter
        }
        Label {
            text: qsTr("Bitcoin and Lightning, in your pocket.\nYour keys, your coins.")
            horizontalAlignment: Text.AlignHCenter
            font.pixelSize: 17
            opacity: 0.75
            Layout.alignment: Qt.AlignHCenter
        }
        Item { Layout.fillHeight: true }

        KiteButton {
            objectName: "createButton"
            text: qsTr("Create a new wallet")
            Layout.fillWidth: true
            onClicked: { onboarding.generate(); window.show("CreateWordsPage.qml") }
        }
        KiteButton {
            objectName: "restoreButton"
            text: qsTr("I already have seed words")
            primary: false
            flat: true
            Layout.fillWidth: true
            onClicked: { onboarding.setMode("restore"); window.show("RestorePage.qml") }
        }
        Label {
            text: advanced ? qsTr("Hide advanced options") : qsTr("Advanced")
            color: Material.accent
            font.pixelSize: 14
            Layout.alignment: Qt.AlignHCenter
            TapHandler { onTapped: advanced = !advanced }
        }
        RowLayout {
            visible: advanced
            Layout.fillWidth: true
            Label { text: qsTr("Network"); font.pixelSize: 16; Layout.fillWidth: true }
            ComboBox {
                id: networkBox
                objectName: "networkBox"
                enabled: !session.networkFixed
                model: session.networks
                currentIndex: session.networks.indexOf(session.network)
                onActivated: session.setNetwork(currentText)
                implicitWidth: 170
                Component.onCompleted: if ((kiteSoftware || GraphicsInfo.api === GraphicsInfo.Software) && background) background.layer.enabled = false
            }
        }
        Label {
            visible: advanced
            text: qsTr("Mainnet is real bitcoin. The others are for testing and hold no value.")
            wrapMode: Text.Wrap
            opacity: 0.65
            font.pixelSize: 13
            Layout.fillWidth: true
        }
    }
}
