// A flat rounded surface (no elevation layer, so it renders the same everywhere).
import QtQuick
import QtQuick.Controls.Material
import QtQuick.Layouts

Rectangle {
    radius: 16
    color: Material.theme === Material.Dark ? "#23262d" : "#f1f4fa"
    Layout.fillWidth: true
}
