// Asked once, on Home: show amounts in a currency too? (Settings can change it later.)
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

Rectangle {
    objectName: "fiatAsk"
    visible: !fiat.asked && fiat.sources.length > 0
    radius: 12
    color: Material.theme === Material.Dark ? "#1f2a3d" : "#eaf1fd"
    implicitHeight: visible ? column.implicitHeight + 20 : 0
    ColumnLayout {
        id: column
        anchors.fill: parent
        anchors.margins: 10
        anchors.leftMargin: 14
        spacing: 4
        Label {
            text: qsTr("Show amounts in your currency too? Kite then asks %1 for the exchange rate now and then (it learns nothing about your wallet).").arg(fiat.sources.length > 0 ? fiat.sources[0][1] : "")
            wrapMode: Text.Wrap
            font.pixelSize: 14
            Layout.fillWidth: true
        }
        RowLayout {
            Layout.fillWidth: true
            ComboBox {
                id: currencyBox
                objectName: "fiatAskCurrency"
                model: fiat.currencies
                currentIndex: Math.max(0, fiat.currencies.indexOf(fiat.localCurrency))
                Layout.preferredWidth: 110
            }
            Item { Layout.fillWidth: true }
            Button {
                objectName: "fiatAskNo"
                text: qsTr("No thanks")
                flat: true
                onClicked: fiat.decline()
            }
            Button {
                objectName: "fiatAskYes"
                text: qsTr("Yes")
                highlighted: true
                flat: true
                onClicked: fiat.choose(currencyBox.currentText, fiat.sources[0][0])
            }
        }
    }
}
