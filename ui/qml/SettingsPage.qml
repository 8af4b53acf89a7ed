import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Dialogs
import QtQuick.Layouts

Page {
    objectName: "settingsPage"
    header: PageHeader { title: qsTr("Settings"); onBack: window.stack.pop() }
    StackView.onActivated: unitSat.forceActiveFocus(Qt.TabFocusReason)  // keyboard starts at the top

    FileDialog {
        id: backupExportDialog
        objectName: "backupExportDialog"
        fileMode: FileDialog.SaveFile
        defaultSuffix: "backup"
        nameFilters: [qsTr("Kite backup files (*.backup)"), qsTr("All files (*)")]
        onAccepted: backupFile.exportTo(selectedFile.toString())
    }
    FileDialog {
        id: backupImportDialog
        objectName: "backupImportDialog"
        fileMode: FileDialog.OpenFile
        nameFilters: [qsTr("Kite backup files (*.backup)"), qsTr("All files (*)")]
        onAccepted: backupFile.importFrom(selectedFile.toString())
    }

    Flickable {
        anchors.fill: parent
        contentWidth: width  // the column follows the page's width, never wider
        contentHeight: column.implicitHeight + 40
        clip: true
        ColumnLayout {
            id: column
            x: 20
            width: parent.width - 40
            spacing: 6

            Label { text: qsTr("Amounts"); font.pixelSize: 15; font.weight: Font.DemiBold; color: Material.accent; Layout.topMargin: 8 }
            ButtonGroup { id: unitGroup }
            ButtonGroup { id: themeGroup }
            RadioButton {
                id: unitSat
                objectName: "unitSat"
                ButtonGroup.group: unitGroup
                text: qsTr("Satoshis (1 BTC = 100 000 000 sat)")
                checked: settings.unit === "sat"
                onClicked: settings.unit = "sat"
            }
            RadioButton {
                objectName: "unitBtc"
                ButtonGroup.group: unitGroup
                text: qsTr("Bitcoin (BTC)")
                checked: settings.unit === "btc"
                onClicked: settings.unit = "btc"
            }

            Label { text: qsTr("Also show amounts in"); opacity: 0.65; font.pixelSize: 13; Layout.topMargin: 8 }
            RowLayout {
                Layout.fillWidth: true
                ComboBox {
                    id: fiatCurrency
                    objectName: "fiatCurrency"
                    model: [qsTr("No other currency")].concat(fiat.currencies)
                    currentIndex: fiat.currency.length > 0 ? fiat.currencies.indexOf(fiat.currency) + 1 : 0
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    Layout.minimumWidth: 0
                    onActivated: (index) => fiat.choose(index > 0 ? fiat.currencies[index - 1] : "", fiat.source)
                }
                ComboBox {
                    objectName: "fiatSource"
                    visible: fiat.currency.length > 0
                    model: fiat.sources.map(function (s) { return s[1] })
                    currentIndex: Math.max(0, fiat.sources.map(function (s) { return s[0] }).indexOf(fiat.source))
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    Layout.minimumWidth: 0
                    onActivated: (index) => fiat.choose(fiat.currency, fiat.sources[index][0])
                }
            }
            Label {
                objectName: "fiatRate"
                visible: fiat.currency.length > 0
                text: fiat.rateText.length > 0 ? fiat.rateText : qsTr("Asking for the rate…")
                color: fiat.stale && fiat.rateText.length > 0 ? "#c9a227" : palette.text
                opacity: 0.75
                font.pixelSize: 12
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            Label {
                objectName: "fiatError"
                visible: fiat.currency.length > 0 && fiat.error.length > 0
                text: fiat.error
                color: "#d93a3a"
                font.pixelSize: 12
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }

            Label { text: qsTr("Theme"); font.pixelSize: 15; font.weight: Font.DemiBold; color: Material.accent; Layout.topMargin: 16 }
            Repeater {
                model: [["system", qsTr("Follow the system")], ["light", qsTr("Light")], ["dark", qsTr("Dark")]]
                RadioButton {
                    objectName: "theme_" + modelData[0]
                    ButtonGroup.group: themeGroup
                    text: modelData[1]
                    checked: settings.theme === modelData[0]
                    onClicked: settings.theme = modelData[0]
                }
            }

            Label { text: qsTr("Language"); font.pixelSize: 15; font.weight: Font.DemiBold; color: Material.accent; Layout.topMargin: 16 }
            ButtonGroup { id: languageGroup }
            Repeater {
                model: settings.languages
                RadioButton {
                    objectName: "language_" + modelData[0]
                    ButtonGroup.group: languageGroup
                    text: modelData[1]
                    checked: settings.language === modelData[0]
                    onClicked: settings.language = modelData[0]
                }
            }
            Label {
                objectName: "languageNote"
                visible: text.length > 0
                text: settings.languageNote
                color: "#c9a227"
                font.pixelSize: 12
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }

            Label { text: qsTr("Lightning"); font.pixelSize: 15; font.weight: Font.DemiBold; color: Material.accent; Layout.topMargin: 16 }
            Label { text: qsTr("Trampoline peer (for new channels)"); opacity: 0.65; font.pixelSize: 13 }
            TextField {
                objectName: "trampolineField"
                text: settings.trampolinePeer
                placeholderText: channels.defaultPeer.length > 0 ? qsTr("Default: the network's trampoline") : qsTr("NODEID@HOST:PORT")
                font.family: "monospace"
                font.pixelSize: 13
                Layout.fillWidth: true
                onEditingFinished: settings.trampolinePeer = text
            }
            Label {
                objectName: "trampolineError"
                visible: settings.trampolineError.length > 0
                text: settings.trampolineError
                color: "#d93a3a"
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            Label {
                visible: settings.trampolinePeer.length === 0 && channels.defaultPeer.length > 0
                text: channels.defaultPeer
                font.family: "monospace"
                font.pixelSize: 11
                opacity: 0.55
                wrapMode: Text.WrapAnywhere
                Layout.fillWidth: true
            }
            Label { text: qsTr("Maximum Lightning fee per payment"); opacity: 0.65; font.pixelSize: 13; Layout.topMargin: 8 }
            RowLayout {
                spacing: 8
                Layout.fillWidth: true
                TextField {
                    objectName: "maxFeePercentField"
                    text: String(settings.maxFeePercent)
                    inputMethodHints: Qt.ImhFormattedNumbersOnly
                    validator: DoubleValidator { bottom: 0; top: 10; decimals: 2; notation: DoubleValidator.StandardNotation }
                    font.pixelSize: 16
                    Layout.preferredWidth: 80
                    onEditingFinished: if (acceptableInput) settings.maxFeePercent = Number(text)
                }
                Label {
                    id: feeWords
                    // wraps rather than push the row past a phone's width (German is longer)
                    text: qsTr("% of the amount, at least")
                    font.pixelSize: 14
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                    Layout.minimumWidth: 40
                    // no wider than its words in one line (a desktop keeps them together)
                    Layout.maximumWidth: Math.ceil(feeWordsLine.advanceWidth) + 2
                    TextMetrics { id: feeWordsLine; font: feeWords.font; text: feeWords.text }
                }
                TextField {
                    objectName: "maxFeeFloorField"
                    text: String(settings.maxFeeFloorSat)
                    inputMethodHints: Qt.ImhDigitsOnly
                    validator: IntValidator { bottom: 0; top: 1000000 }
                    font.pixelSize: 16
                    Layout.preferredWidth: 80
                    onEditingFinished: if (acceptableInput) settings.maxFeeFloorSat = parseInt(text)
                }
                Label { text: "sat"; font.pixelSize: 14 }
            }
            Label {
                text: qsTr("For a 2 100 sat coffee: at most ") + settings.formatSat(settings.feeCapSat(2100))
                      + qsTr("; for 1 000 000 sat: at most ") + settings.formatSat(settings.feeCapSat(1000000)) + "."
                opacity: 0.6
                font.pixelSize: 12
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }

            // the LSP that opens a channel as a payment arrives (JIT, LSPS2), and the channel
            // fee Receive accepts without asking
            Label { text: qsTr("Liquidity provider (LSP)"); opacity: 0.65; font.pixelSize: 13; Layout.topMargin: 8 }
            ButtonGroup { id: lspGroup }
            RadioButton {
                id: lspAuto
                objectName: "lspAuto"
                ButtonGroup.group: lspGroup
                text: qsTr("Automatic")
                checked: settings.lspPeer.length === 0 && !settings.lspNone && !lspCustom.chosen
                onClicked: { lspCustom.chosen = false; lspField.text = ""; settings.lspPeer = "" }
            }
            Label {
                text: qsTr("The trampoline's node, when it sells channels (LSPS2).")
                opacity: 0.6
                font.pixelSize: 12
                leftPadding: lspAuto.leftPadding + lspAuto.indicator.width + lspAuto.spacing
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            RadioButton {
                id: lspNone
                objectName: "lspNone"
                ButtonGroup.group: lspGroup
                text: qsTr("None")
                checked: settings.lspNone && !lspCustom.chosen
                onClicked: { lspCustom.chosen = false; lspField.text = ""; settings.lspNone = true }
            }
            Label {
                objectName: "lspNoneNote"
                text: qsTr("No channel is ever bought: a payment larger than your channels can receive is refused over Lightning, and Receive says so.")
                opacity: 0.6
                font.pixelSize: 12
                leftPadding: lspNone.leftPadding + lspNone.indicator.width + lspNone.spacing
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            RadioButton {
                id: lspCustom
                objectName: "lspCustom"
                property bool chosen: false  // picked, before a node is typed
                ButtonGroup.group: lspGroup
                text: qsTr("A node I choose")
                checked: settings.lspPeer.length > 0 || chosen
                onClicked: { chosen = true; lspField.forceActiveFocus() }
            }
            TextField {
                id: lspField
                objectName: "lspField"
                enabled: lspCustom.checked
                // not bound: a refused value stays in the field, beside its sentence
                Component.onCompleted: text = settings.lspPeer
                placeholderText: qsTr("NODEID@HOST:PORT")
                font.family: "monospace"
                font.pixelSize: 13
                Layout.fillWidth: true
                onEditingFinished: if (lspCustom.checked) settings.lspPeer = text
            }
            // the shipped list of known LSPs (mainnet): suggestions that fill the field
            Label {
                objectName: "lspKnownNote"
                visible: settings.knownLsps.length > 0
                text: qsTr("Known LSPs (suggestions, none required; Kite asks each what it sells before using it):")
                opacity: 0.6
                font.pixelSize: 12
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            Flow {
                visible: settings.knownLsps.length > 0
                spacing: 6
                Layout.fillWidth: true
                Repeater {
                    model: settings.knownLsps
                    Button {
                        objectName: "lspKnown" + index
                        text: modelData.name
                        flat: true
                        onClicked: {
                            lspCustom.chosen = true
                            lspField.text = modelData.peer
                            settings.lspPeer = modelData.peer
                        }
                    }
                }
            }
            Label {
                objectName: "lspError"
                visible: settings.lspError.length > 0
                text: settings.lspError
                color: "#d93a3a"
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            Label {
                objectName: "lspNote"
                text: qsTr("When your channels cannot receive a payment, the LSP opens a new channel as it arrives and takes a fee from it. A new choice is used from the next time the wallet opens.")
                opacity: 0.6
                font.pixelSize: 12
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            Label {
                // the setting is the window's node's: a daemon keeps its own command line
                objectName: "lspDaemonNote"
                visible: session.attached
                text: qsTr("This window shows the Kite daemon's wallet: the daemon buys channels from the LSP it was started with (kite daemon --lsp-peer).")
                color: "#c9a227"
                font.pixelSize: 12
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            Label {
                text: qsTr("Accept a channel fee without asking up to")
                opacity: 0.65
                font.pixelSize: 13
                wrapMode: Text.Wrap
                Layout.fillWidth: true
                Layout.topMargin: 8
            }
            RowLayout {
                spacing: 8
                TextField {
                    objectName: "lspAutoFeeField"
                    text: String(settings.lspAutoFeeSat)
                    inputMethodHints: Qt.ImhDigitsOnly
                    validator: IntValidator { bottom: 0; top: 1000000 }
                    font.pixelSize: 16
                    Layout.preferredWidth: 100
                    onEditingFinished: if (acceptableInput) settings.lspAutoFeeSat = parseInt(text)
                }
                Label { text: "sat"; font.pixelSize: 14 }
            }
            Label {
                objectName: "lspAutoFeeNote"
                text: settings.lspAutoFeeSat > 0
                      ? qsTr("Receive makes the invoice at once when a new channel costs at most this, and asks above it.")
                      : qsTr("0: Receive always asks before a new channel is paid for.")
                opacity: 0.6
                font.pixelSize: 12
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }

            RowLayout {
                spacing: 8
                Layout.fillWidth: true
                Layout.topMargin: 8
                Label { text: qsTr("Recoverable channels"); font.pixelSize: 14; Layout.fillWidth: true }
                Switch {
                    objectName: "recoverableSwitch"
                    checked: channels.recoverable
                    enabled: channels.recoverableText.length > 0
                    onToggled: channels.setRecoverable(checked)
                }
            }
            Label {
                objectName: "recoverableText"
                text: channels.recoverableText
                opacity: 0.6
                font.pixelSize: 12
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }

            Label { text: qsTr("Network"); font.pixelSize: 15; font.weight: Font.DemiBold; color: Material.accent; Layout.topMargin: 16 }
            ItemDelegate {
                objectName: "serversButton"
                text: qsTr("Servers · ") + (walletModel.server.length > 0 ? qsTr("connected") : qsTr("none connected")) + "  ›"
                font.pixelSize: 15
                leftPadding: 0
                Layout.fillWidth: true
                onClicked: window.show("ServersPage.qml")
            }

            Label { text: qsTr("Backup"); font.pixelSize: 15; font.weight: Font.DemiBold; color: Material.accent; Layout.topMargin: 16 }
            Button {
                objectName: "showSeedButton"
                text: qsTr("Show seed words…")
                flat: true
                onClicked: window.show("SeedPage.qml")
            }
            Label { text: qsTr("Backup file"); font.pixelSize: 14; Layout.topMargin: 8 }
            Label {
                objectName: "backupFileText"
                text: qsTr("A file that finds your channels again after a restore, even those the seed words alone cannot find (recoverable channels off, or a peer Kite does not know). It is encrypted with a key from your seed words and holds no keys: it only works with this wallet's words. Export it again after opening a channel.")
                opacity: 0.6
                font.pixelSize: 12
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            Flow {
                spacing: 8
                Layout.fillWidth: true
                Button {
                    objectName: "backupExportButton"
                    text: qsTr("Export…")
                    enabled: !backupFile.busy
                    onClicked: {
                        backupExportDialog.currentFolder = backupFile.defaultFolderUrl()
                        backupExportDialog.selectedFile = backupFile.defaultFileUrl()
                        backupExportDialog.open()
                    }
                }
                Button {
                    objectName: "backupImportButton"
                    text: qsTr("Import…")
                    enabled: !backupFile.busy
                    onClicked: {
                        backupImportDialog.currentFolder = backupFile.defaultFolderUrl()
                        backupImportDialog.open()
                    }
                }
            }
            Label {
                objectName: "backupFileDone"
                visible: backupFile.done.length > 0
                text: backupFile.done
                color: "#2e9d57"
                wrapMode: Text.WrapAnywhere
                Layout.fillWidth: true
            }
            Label {
                objectName: "backupFileError"
                visible: backupFile.error.length > 0
                text: backupFile.error
                color: "#d93a3a"
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }

            Label { text: qsTr("History"); font.pixelSize: 15; font.weight: Font.DemiBold; color: Material.accent; Layout.topMargin: 16 }
            Button {
                objectName: "exportHistoryButton"
                text: qsTr("Export history (CSV or JSON)…")
                flat: true
                onClicked: window.show("ExportPage.qml")
            }

            Label { text: qsTr("About"); font.pixelSize: 15; font.weight: Font.DemiBold; color: Material.accent; Layout.topMargin: 16 }
            InfoRow { label: qsTr("Version"); value: qsTr("Kite ") + session.version }
            InfoRow { label: qsTr("Network"); value: session.network }
            InfoRow { objectName: "serverRow"; label: qsTr("Server"); value: walletModel.server.length > 0 ? walletModel.server : qsTr("None connected"); mono: walletModel.server.length > 0 }
            InfoRow { label: qsTr("Node id"); value: session.nodeId.length > 0 ? session.nodeId : qsTr("Shown once the wallet is open"); mono: session.nodeId.length > 0; copyable: session.nodeId.length > 0 }
            InfoRow { label: qsTr("Wallet folder"); value: session.walletPath; mono: true }
        }
    }
}
