// Slow / normal / fast (the servers' estimates) or a custom rate, for an on-chain send.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

ColumnLayout {
    id: box
    objectName: "feeChoice"
    spacing: 4
    Layout.fillWidth: true
    onVisibleChanged: if (visible) feeLevels.refresh()
    Component.onCompleted: if (visible) feeLevels.refresh()
    Label { text: qsTr("Speed"); opacity: 0.65; font.pixelSize: 13 }
    RowLayout {
        Layout.fillWidth: true
        spacing: 4
        Repeater {
            model: feeLevels.levels
            Button {
                id: levelButton
                objectName: "feeLevel_" + modelData.name
                checkable: true
                checked: feeLevels.choice === modelData.name
                highlighted: checked
                leftPadding: 4
                rightPadding: 4
                enabled: modelData.name === "normal" || modelData.rate.length > 0
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                Layout.minimumWidth: 0
                onClicked: feeLevels.choose(modelData.name)
                contentItem: Column {
                    Label { text: modelData.title; font.pixelSize: 14; font.weight: Font.DemiBold; anchors.horizontalCenter: parent.horizontalCenter
                            color: levelButton.checked ? Material.accent : Material.foreground; font.underline: levelButton.checked }
                    Label { text: modelData.wait; font.pixelSize: 11; opacity: 0.7; anchors.horizontalCenter: parent.horizontalCenter }
                    Label { text: modelData.rate; font.pixelSize: 11; opacity: 0.7; anchors.horizontalCenter: parent.horizontalCenter }
                }
            }
        }
        Button {
            id: customButton
            objectName: "feeLevel_custom"
            text: qsTr("Custom")
            checkable: true
            checked: feeLevels.choice === "custom"
            highlighted: checked
            leftPadding: 4
            rightPadding: 4
            font.pixelSize: 13
            font.capitalization: Font.MixedCase
            font.underline: checked
            Material.foreground: checked ? Material.accent : undefined
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            Layout.minimumWidth: 0
            Layout.fillHeight: true
            onClicked: { customField.forceActiveFocus(); if (customField.text.length > 0) feeLevels.chooseCustom(customField.text) }
        }
    }
    RowLayout {
        visible: feeLevels.choice === "custom"
        Layout.fillWidth: true
        TextField {
            id: customField
            objectName: "customFeerate"
            placeholderText: qsTr("Fee rate")
            inputMethodHints: Qt.ImhFormattedNumbersOnly
            Layout.fillWidth: true
            onEditingFinished: feeLevels.chooseCustom(text)
            onAccepted: feeLevels.chooseCustom(text)
        }
        Label { text: qsTr("sat/vB") }
    }
    Label {
        objectName: "feeChoiceError"
        visible: text.length > 0
        text: feeLevels.choice === "custom" ? feeLevels.customError : feeLevels.error
        color: "#d93a3a"
        wrapMode: Text.Wrap
        font.pixelSize: 12
        Layout.fillWidth: true
    }
}
