<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>BackupReminder</name>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/BackupReminder.qml" line="21"/>
        <source>Your seed words are not backed up yet. Without them, a lost device means lost money.</source>
        <translation>Ihre Wiederherstellungswörter sind noch nicht gesichert. Ohne sie ist mit dem Gerät auch das Geld verloren.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/BackupReminder.qml" line="30"/>
        <source>Later</source>
        <translation>Später</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/BackupReminder.qml" line="36"/>
        <source>Back up now</source>
        <translation>Jetzt sichern</translation>
    </message>
</context>
<context>
    <name>ChannelsPage</name>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ChannelsPage.qml" line="15"/>
        <source>Channels</source>
        <translation>Kanäle</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ChannelsPage.qml" line="35"/>
        <source>Spendable over Lightning</source>
        <translation>Über Lightning ausgebbar</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ChannelsPage.qml" line="43"/>
        <source>On-chain, for new channels: </source>
        <translation>On-Chain, für neue Kanäle: </translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ChannelsPage.qml" line="59"/>
        <source>The on-chain reserve is short by </source>
        <translation>Die On-Chain-Reserve ist um </translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ChannelsPage.qml" line="60"/>
        <source>: anchor channels need </source>
        <translation> zu knapp: Anker-Kanäle brauchen </translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ChannelsPage.qml" line="61"/>
        <source> of confirmed coins to pay the fees of a force close, and the wallet has </source>
        <translation> an bestätigten Coins, um die Gebühren einer Zwangsschließung zu bezahlen, und die Wallet hat </translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ChannelsPage.qml" line="74"/>
        <source>Open a channel</source>
        <translation>Kanal öffnen</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ChannelsPage.qml" line="82"/>
        <source>No channels yet. A channel holds the coins you pay with over Lightning: open one with some of your on-chain balance.</source>
        <translation>Noch keine Kanäle. Ein Kanal enthält die Coins, mit denen Sie über Lightning zahlen: Öffnen Sie einen mit einem Teil Ihres On-Chain-Guthabens.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ChannelsPage.qml" line="134"/>
        <source>You </source>
        <translation>Sie </translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ChannelsPage.qml" line="135"/>
        <source>Them </source>
        <translation>Gegenseite </translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ChannelsPage.qml" line="140"/>
        <source>You can send </source>
        <translation>Sie können jetzt </translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ChannelsPage.qml" line="140"/>
        <source> and receive </source>
        <translation> senden und </translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ChannelsPage.qml" line="141"/>
        <source> now.</source>
        <translation> empfangen.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ChannelsPage.qml" line="143"/>
        <source> of yours stays in the channel as its reserve</source>
        <translation> von Ihrem Anteil bleiben als Reserve im Kanal</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ChannelsPage.qml" line="144"/>
        <source> (the peer requires it, with the fee of closing): it comes back to you when the channel closes.</source>
        <translation> (die Gegenseite verlangt sie, samt der Gebühr fürs Schließen): Sie erhalten sie zurück, wenn der Kanal geschlossen wird.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ChannelsPage.qml" line="152"/>
        <source>Peer </source>
        <translation>Gegenseite </translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ChannelsPage.qml" line="173"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ChannelsPage.qml" line="182"/>
        <location filename="../work/wt-b12gui/ui/qml/ChannelsPage.qml" line="271"/>
        <source>Force close</source>
        <translation>Zwangsweise schließen</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ChannelsPage.qml" line="217"/>
        <source>Close this channel?</source>
        <translation>Diesen Kanal schließen?</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ChannelsPage.qml" line="220"/>
        <source>Your </source>
        <translation>Ihr Anteil von </translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ChannelsPage.qml" line="220"/>
        <source> in it, less the closing transaction&apos;s fee, goes to your on-chain balance</source>
        <translation> geht, abzüglich der Gebühr der Schließungstransaktion, an Ihr On-Chain-Guthaben</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ChannelsPage.qml" line="221"/>
        <source> (an address of this wallet). It is shown as pending until the closing transaction confirms, usually within an hour.</source>
        <translation> (eine Adresse dieser Wallet). Er wird als ausstehend angezeigt, bis die Schließungstransaktion bestätigt ist, meist innerhalb einer Stunde.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ChannelsPage.qml" line="222"/>
        <source> You can no longer pay over Lightning with it.</source>
        <translation> Sie können damit nicht mehr über Lightning zahlen.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ChannelsPage.qml" line="228"/>
        <source>Close channel</source>
        <translation>Kanal schließen</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ChannelsPage.qml" line="234"/>
        <location filename="../work/wt-b12gui/ui/qml/ChannelsPage.qml" line="277"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ChannelsPage.qml" line="263"/>
        <source>Force close?</source>
        <translation>Zwangsweise schließen?</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ChannelsPage.qml" line="265"/>
        <source>Kite publishes its latest channel transaction without the peer. Your coins come back to your on-chain balance only after a delay the peer set (up to two weeks), and the fees are higher. Close cooperatively when the peer is online.</source>
        <translation>Kite veröffentlicht seine letzte Kanaltransaktion ohne die Gegenseite. Ihre Coins kommen erst nach einer von der Gegenseite festgelegten Wartezeit (bis zu zwei Wochen) auf Ihr On-Chain-Guthaben zurück, und die Gebühren sind höher. Schließen Sie einvernehmlich, wenn die Gegenseite online ist.</translation>
    </message>
</context>
<context>
    <name>CheckWordsPage</name>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/CheckWordsPage.qml" line="10"/>
        <source>Check your words</source>
        <translation>Wörter prüfen</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/CheckWordsPage.qml" line="23"/>
        <source>One of these words does not match. Look at your paper again, or go back to see the words.</source>
        <translation>Eines dieser Wörter stimmt nicht. Schauen Sie noch einmal auf Ihr Papier oder gehen Sie zurück zu den Wörtern.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/CheckWordsPage.qml" line="32"/>
        <source>To be sure your copy is right, type these words from your paper.</source>
        <translation>Damit sicher ist, dass Ihre Abschrift stimmt, tippen Sie diese Wörter von Ihrem Papier ab.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/CheckWordsPage.qml" line="42"/>
        <source>Word #</source>
        <translation>Wort Nr. </translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/CheckWordsPage.qml" line="54"/>
        <source>Continue</source>
        <translation>Weiter</translation>
    </message>
</context>
<context>
    <name>CreateWordsPage</name>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/CreateWordsPage.qml" line="11"/>
        <source>Your seed words</source>
        <translation>Ihre Wiederherstellungswörter</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/CreateWordsPage.qml" line="26"/>
        <source>Write these 12 words on paper, in this order, and keep it safe. They are how you get your money back if this device is lost. </source>
        <translation>Schreiben Sie diese 12 Wörter in dieser Reihenfolge auf Papier und bewahren Sie es sicher auf. Mit ihnen bekommen Sie Ihr Geld zurück, wenn dieses Gerät verloren geht. </translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/CreateWordsPage.qml" line="26"/>
        <source> Never type them into a website or share them with anyone.</source>
        <translation> Geben Sie sie nie auf einer Website ein und zeigen Sie sie niemandem.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/CreateWordsPage.qml" line="66"/>
        <source>No passphrase</source>
        <translation>Keine Passphrase</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/CreateWordsPage.qml" line="66"/>
        <source>Add a passphrase (advanced)</source>
        <translation>Passphrase hinzufügen (für Fortgeschrittene)</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/CreateWordsPage.qml" line="75"/>
        <source>A passphrase is an extra word of your own that the seed words need: without it they open a different, empty wallet. Write it down with the words: to restore this wallet you will need both, and nobody can recover a forgotten passphrase.</source>
        <translation>Eine Passphrase ist ein zusätzliches eigenes Wort, das die Wiederherstellungswörter brauchen: Ohne sie öffnen sie eine andere, leere Wallet. Schreiben Sie sie zu den Wörtern: Zum Wiederherstellen dieser Wallet brauchen Sie beides, und eine vergessene Passphrase kann niemand wiederherstellen.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/CreateWordsPage.qml" line="84"/>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/CreateWordsPage.qml" line="92"/>
        <source>Passphrase again</source>
        <translation>Passphrase wiederholen</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/CreateWordsPage.qml" line="108"/>
        <source>I have written them down</source>
        <translation>Ich habe sie aufgeschrieben</translation>
    </message>
</context>
<context>
    <name>DemoStartPage</name>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/DemoStartPage.qml" line="16"/>
        <source>Kite demo</source>
        <translation>Kite-Demo</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/DemoStartPage.qml" line="22"/>
        <source>A private Bitcoin network on this computer, with a Lightning trampoline and a shop to pay. Nothing here is real money.</source>
        <translation>Ein privates Bitcoin-Netz auf diesem Computer, mit einem Lightning-Trampolin und einem Laden zum Bezahlen. Nichts davon ist echtes Geld.</translation>
    </message>
</context>
<context>
    <name>ErrorBox</name>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ErrorBox.qml" line="51"/>
        <source>Hide details</source>
        <translation>Details ausblenden</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ErrorBox.qml" line="51"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>ExportPage</name>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ExportPage.qml" line="12"/>
        <source>Export history</source>
        <translation>Verlauf exportieren</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ExportPage.qml" line="18"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ExportPage.qml" line="18"/>
        <source>JSON files (*.json)</source>
        <translation>JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ExportPage.qml" line="34"/>
        <source>Every payment, on-chain and Lightning: date, direction, amount and fee in sat (exact), kind, status, description, your note, and the transaction id or payment hash.</source>
        <translation>Jede Zahlung, On-Chain und Lightning: Datum, Richtung, Betrag und Gebühr in sat (genau), Art, Status, Beschreibung, Ihre Notiz und die Transaktions-ID oder der Zahlungs-Hash.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ExportPage.qml" line="44"/>
        <source>CSV, for a spreadsheet</source>
        <translation>CSV, für eine Tabellenkalkulation</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ExportPage.qml" line="51"/>
        <source>JSON, for programs</source>
        <translation>JSON, für Programme</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ExportPage.qml" line="55"/>
        <source>Save to</source>
        <translation>Speichern unter</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ExportPage.qml" line="68"/>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ExportPage.qml" line="74"/>
        <source>Saving…</source>
        <translation>Speichern…</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ExportPage.qml" line="74"/>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
</context>
<context>
    <name>FeeLevels</name>
    <message>
        <location filename="../work/wt-b12gui/ui/models/fee_choice.py" line="26"/>
        <source>Type a fee rate in sat/vB, like 12 or 3.5.</source>
        <translation>Geben Sie einen Gebührensatz in sat/vB ein, etwa 12 oder 3,5.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/models/fee_choice.py" line="28"/>
        <source>A fee rate is between %1 and %2 sat/vB.</source>
        <translation>Ein Gebührensatz liegt zwischen %1 und %2 sat/vB.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/models/fee_choice.py" line="36"/>
        <source>~%1 min</source>
        <translation>~%1 Min.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/models/fee_choice.py" line="37"/>
        <source>~%1 h</source>
        <translation>~%1 Std.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/models/fee_choice.py" line="89"/>
        <source>Slow</source>
        <translation>Langsam</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/models/fee_choice.py" line="90"/>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/models/fee_choice.py" line="91"/>
        <source>Fast</source>
        <translation>Schnell</translation>
    </message>
</context>
<context>
    <name>FiatAmountField</name>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/FiatAmountField.qml" line="18"/>
        <source>or in %1</source>
        <translation>oder in %1</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/FiatAmountField.qml" line="32"/>
        <source>%1 at %2. The amount in sat above is what counts.</source>
        <translation>%1 bei %2. Es zählt der Betrag in sat oben.</translation>
    </message>
</context>
<context>
    <name>FiatAsk</name>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/FiatAsk.qml" line="20"/>
        <source>Show amounts in your currency too? Kite then asks %1 for the exchange rate now and then (it learns nothing about your wallet).</source>
        <translation>Beträge auch in Ihrer Währung zeigen? Kite fragt dann ab und zu %1 nach dem Wechselkurs (dabei wird nichts über Ihre Wallet bekannt).</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/FiatAsk.qml" line="37"/>
        <source>No thanks</source>
        <translation>Nein danke</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/FiatAsk.qml" line="43"/>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
</context>
<context>
    <name>FiatModel</name>
    <message>
        <location filename="../work/wt-b12gui/ui/models/fiat.py" line="124"/>
        <source>(old rate)</source>
        <translation>(alter Kurs)</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/models/fiat.py" line="142"/>
        <source>No exchange rate yet: type the amount in sat.</source>
        <translation>Noch kein Wechselkurs: Geben Sie den Betrag in sat ein.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/models/fiat.py" line="164"/>
        <source>1 BTC = %1 at %2</source>
        <translation>1 BTC = %1 um %2</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/models/fiat.py" line="166"/>
        <source>old rate</source>
        <translation>alter Kurs</translation>
    </message>
</context>
<context>
    <name>HistoryTools</name>
    <message>
        <location filename="../work/wt-b12gui/ui/models/history_tools.py" line="75"/>
        <source>Choose where to save the file.</source>
        <translation>Wählen Sie, wo die Datei gespeichert werden soll.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/models/history_tools.py" line="90"/>
        <source>Saved 1 payment to %1</source>
        <translation>1 Zahlung gespeichert in %1</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/models/history_tools.py" line="91"/>
        <source>Saved %2 payments to %1</source>
        <translation>%2 Zahlungen gespeichert in %1</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/HomePage.qml" line="20"/>
        <source>Kite</source>
        <translation>Kite</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/HomePage.qml" line="29"/>
        <source>Channels</source>
        <translation>Kanäle</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/HomePage.qml" line="62"/>
        <source>Balance</source>
        <translation>Guthaben</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/HomePage.qml" line="65"/>
        <source>Tap the amount for BTC</source>
        <translation>Betrag antippen für BTC</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/HomePage.qml" line="65"/>
        <source>Tap the amount for sat</source>
        <translation>Betrag antippen für sat</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/HomePage.qml" line="73"/>
        <source>Not synced yet</source>
        <translation>Noch nicht synchronisiert</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/HomePage.qml" line="91"/>
        <source>Last known: </source>
        <translation>Zuletzt bekannt: </translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/HomePage.qml" line="98"/>
        <source> yours, pending</source>
        <translation> gehören Ihnen, ausstehend</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/HomePage.qml" line="129"/>
        <source>Lightning </source>
        <translation>Lightning </translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/HomePage.qml" line="136"/>
        <source>On-chain </source>
        <translation>On-Chain </translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/HomePage.qml" line="161"/>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/HomePage.qml" line="174"/>
        <source>No server is set up: add one in Servers.</source>
        <translation>Kein Server eingerichtet: Fügen Sie unter Server einen hinzu.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/HomePage.qml" line="175"/>
        <source>No server tried yet.</source>
        <translation>Noch kein Server versucht.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/HomePage.qml" line="183"/>
        <source>Servers</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/HomePage.qml" line="231"/>
        <source>Demo: a shop runs on this network. Send → “Demo: pay the shop” buys a coffee over Lightning; Receive → “Demo: have the shop pay this” pays you. A block is mined every </source>
        <translation>Demo: In diesem Netz läuft ein Laden. Senden → „Demo: den Laden bezahlen“ kauft einen Kaffee über Lightning; Empfangen → „Demo: vom Laden bezahlen lassen“ zahlt Ihnen etwas. Ein Block wird alle </translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/HomePage.qml" line="231"/>
        <source> s (or tap “Mine a block” above), so sends and channel closes finish.</source>
        <translation> s erzeugt (oder tippen Sie oben auf „Block erzeugen“), damit Überweisungen und Kanalschließungen abgeschlossen werden.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/HomePage.qml" line="275"/>
        <source>Receive</source>
        <translation>Empfangen</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/HomePage.qml" line="284"/>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/HomePage.qml" line="294"/>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/HomePage.qml" line="336"/>
        <source>Not sent</source>
        <translation>Nicht gesendet</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/HomePage.qml" line="336"/>
        <source>Received</source>
        <translation>Empfangen</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/HomePage.qml" line="336"/>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/HomePage.qml" line="393"/>
        <source>No payments yet</source>
        <translation>Noch keine Zahlungen</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/HomePage.qml" line="399"/>
        <source>Payments you send and receive will show up here.</source>
        <translation>Gesendete und empfangene Zahlungen erscheinen hier.</translation>
    </message>
</context>
<context>
    <name>LnurlPage</name>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/LnurlPage.qml" line="13"/>
        <source>Pay</source>
        <translation>Bezahlen</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/LnurlPage.qml" line="13"/>
        <source>Withdraw</source>
        <translation>Abheben</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/LnurlPage.qml" line="14"/>
        <source>Log in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/LnurlPage.qml" line="14"/>
        <source>Withdraw from a code</source>
        <translation>Mit einem Code abheben</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/LnurlPage.qml" line="15"/>
        <source>LNURL</source>
        <translation>LNURL</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/LnurlPage.qml" line="47"/>
        <source>Paste an LNURL code or a Lightning address.</source>
        <translation>Fügen Sie einen LNURL-Code oder eine Lightning-Adresse ein.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/LnurlPage.qml" line="56"/>
        <source>LNURL…</source>
        <translation>LNURL…</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/LnurlPage.qml" line="64"/>
        <source>Continue</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/LnurlPage.qml" line="78"/>
        <source>Asking the service…</source>
        <translation>Der Dienst wird gefragt…</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/LnurlPage.qml" line="79"/>
        <source>Working…</source>
        <translation>In Arbeit…</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/LnurlPage.qml" line="103"/>
        <source>To</source>
        <translation>An</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/LnurlPage.qml" line="103"/>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/LnurlPage.qml" line="103"/>
        <source>Site</source>
        <translation>Website</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/LnurlPage.qml" line="106"/>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/LnurlPage.qml" line="107"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/LnurlPage.qml" line="110"/>
        <source>Offered</source>
        <translation>Angeboten</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/LnurlPage.qml" line="110"/>
        <source>Accepted amounts</source>
        <translation>Angenommene Beträge</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/LnurlPage.qml" line="112"/>
        <source> to </source>
        <translation> bis </translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/LnurlPage.qml" line="115"/>
        <source>Your channels can receive about</source>
        <translation>Ihre Kanäle können etwa empfangen</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/LnurlPage.qml" line="120"/>
        <source>It asks you to</source>
        <translation>Sie werden gebeten:</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/LnurlPage.qml" line="123"/>
        <source>Your key for this site</source>
        <translation>Ihr Schlüssel für diese Website</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/LnurlPage.qml" line="132"/>
        <source>Amount in </source>
        <translation>Betrag in </translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/LnurlPage.qml" line="143"/>
        <source>Comment for the recipient (optional)</source>
        <translation>Kommentar für den Empfänger (optional)</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/LnurlPage.qml" line="150"/>
        <source>Routing fee: at most </source>
        <translation>Weiterleitungsgebühr: höchstens </translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/LnurlPage.qml" line="156"/>
        <source>Nothing is paid. Kite signs the site&apos;s challenge with a key made for this site only.</source>
        <translation>Es wird nichts bezahlt. Kite signiert die Anfrage der Website mit einem Schlüssel nur für diese Website.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/LnurlPage.qml" line="188"/>
        <source>Link from the service</source>
        <translation>Link vom Dienst</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/LnurlPage.qml" line="198"/>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/Main.qml" line="15"/>
        <source>Kite</source>
        <translation>Kite</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/Main.qml" line="15"/>
        <source>Kite (</source>
        <translation>Kite (</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/Main.qml" line="43"/>
        <source>Demo network: not real money</source>
        <translation>Demo-Netz: kein echtes Geld</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/Main.qml" line="43"/>
        <source> network: not real money</source>
        <translation>-Netz: kein echtes Geld</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/Main.qml" line="57"/>
        <source>Mining…</source>
        <translation>Wird erzeugt…</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/Main.qml" line="57"/>
        <source>Mine a block</source>
        <translation>Block erzeugen</translation>
    </message>
</context>
<context>
    <name>NoteEditor</name>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/NoteEditor.qml" line="14"/>
        <source>Your note</source>
        <translation>Ihre Notiz</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/NoteEditor.qml" line="21"/>
        <source>e.g. rent for May (only you see it)</source>
        <translation>z. B. Miete für Mai (nur Sie sehen sie)</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/NoteEditor.qml" line="30"/>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
</context>
<context>
    <name>OnchainFeeChoice</name>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/OnchainFeeChoice.qml" line="14"/>
        <source>Speed</source>
        <translation>Geschwindigkeit</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/OnchainFeeChoice.qml" line="44"/>
        <source>Custom</source>
        <translation>Eigene</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/OnchainFeeChoice.qml" line="67"/>
        <source>Fee rate</source>
        <translation>Gebührensatz</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/OnchainFeeChoice.qml" line="73"/>
        <source>sat/vB</source>
        <translation>sat/vB</translation>
    </message>
</context>
<context>
    <name>OpenChannelPage</name>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/OpenChannelPage.qml" line="10"/>
        <source>Open a channel</source>
        <translation>Kanal öffnen</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/OpenChannelPage.qml" line="28"/>
        <source>The channel is funded from your on-chain balance (</source>
        <translation>Der Kanal wird aus Ihrem On-Chain-Guthaben finanziert (</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/OpenChannelPage.qml" line="28"/>
        <source>). Its coins are then yours to spend over Lightning.</source>
        <translation>). Seine Coins können Sie dann über Lightning ausgeben.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/OpenChannelPage.qml" line="33"/>
        <source>Peer</source>
        <translation>Gegenseite</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/OpenChannelPage.qml" line="38"/>
        <source>NODEID@HOST:PORT</source>
        <translation>KNOTEN-ID@HOST:PORT</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/OpenChannelPage.qml" line="47"/>
        <source>The network&apos;s trampoline: it finds routes for your payments.</source>
        <translation>Das Trampolin des Netzes: Es findet Wege für Ihre Zahlungen.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/OpenChannelPage.qml" line="53"/>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/OpenChannelPage.qml" line="57"/>
        <source>Amount in </source>
        <translation>Betrag in </translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/OpenChannelPage.qml" line="63"/>
        <source>Network fee (funding transaction)</source>
        <translation>Netzwerkgebühr (Finanzierungstransaktion)</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/OpenChannelPage.qml" line="67"/>
        <source>Opening…</source>
        <translation>Wird geöffnet…</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/OpenChannelPage.qml" line="67"/>
        <source>Open channel</source>
        <translation>Kanal öffnen</translation>
    </message>
</context>
<context>
    <name>PasswordPage</name>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/PasswordPage.qml" line="12"/>
        <source>Choose a password</source>
        <translation>Passwort wählen</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/PasswordPage.qml" line="25"/>
        <source>The password unlocks Kite on this device. It cannot recover your wallet: your seed words do that.</source>
        <translation>Das Passwort entsperrt Kite auf diesem Gerät. Es kann Ihre Wallet nicht wiederherstellen: Das tun Ihre Wiederherstellungswörter.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/PasswordPage.qml" line="33"/>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/PasswordPage.qml" line="42"/>
        <source>Password again</source>
        <translation>Passwort wiederholen</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/PasswordPage.qml" line="62"/>
        <source>Creating your wallet…</source>
        <translation>Ihre Wallet wird erstellt…</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/PasswordPage.qml" line="62"/>
        <source>Opening your wallet…</source>
        <translation>Ihre Wallet wird geöffnet…</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/PasswordPage.qml" line="66"/>
        <source>Restore wallet</source>
        <translation>Wallet wiederherstellen</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/PasswordPage.qml" line="66"/>
        <source>Create wallet</source>
        <translation>Wallet erstellen</translation>
    </message>
</context>
<context>
    <name>PaymentDetailPage</name>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/PaymentDetailPage.qml" line="12"/>
        <source>Payment</source>
        <translation>Zahlung</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/PaymentDetailPage.qml" line="24"/>
        <source> (on-chain)</source>
        <translation> (On-Chain)</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/PaymentDetailPage.qml" line="25"/>
        <source>Not sent</source>
        <translation>Nicht gesendet</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/PaymentDetailPage.qml" line="25"/>
        <source>Received</source>
        <translation>Empfangen</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/PaymentDetailPage.qml" line="25"/>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/PaymentDetailPage.qml" line="26"/>
        <source> over Lightning</source>
        <translation> über Lightning</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/PaymentDetailPage.qml" line="26"/>
        <source> on-chain</source>
        <translation> On-Chain</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/PaymentDetailPage.qml" line="37"/>
        <source>%1 at today&apos;s rate</source>
        <translation>%1 zum heutigen Kurs</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/PaymentDetailPage.qml" line="40"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/PaymentDetailPage.qml" line="42"/>
        <source>Pending: waiting for the first confirmation</source>
        <translation>Ausstehend: wartet auf die erste Bestätigung</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/PaymentDetailPage.qml" line="43"/>
        <source>Confirmed (%1 confirmations)</source>
        <translation>Bestätigt (%1 Bestätigungen)</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/PaymentDetailPage.qml" line="45"/>
        <source>For</source>
        <translation>Für</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/PaymentDetailPage.qml" line="51"/>
        <source>Why it failed</source>
        <translation>Warum es fehlschlug</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/PaymentDetailPage.qml" line="52"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/PaymentDetailPage.qml" line="58"/>
        <source>Lightning fee</source>
        <translation>Lightning-Gebühr</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/PaymentDetailPage.qml" line="58"/>
        <source>Network fee</source>
        <translation>Netzwerkgebühr</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/PaymentDetailPage.qml" line="59"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/PaymentDetailPage.qml" line="60"/>
        <source>Block</source>
        <translation>Block</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/PaymentDetailPage.qml" line="61"/>
        <source>Transaction id</source>
        <translation>Transaktions-ID</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/PaymentDetailPage.qml" line="62"/>
        <source>Payment hash</source>
        <translation>Zahlungs-Hash</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/PaymentDetailPage.qml" line="63"/>
        <source>Preimage (proof of payment)</source>
        <translation>Preimage (Zahlungsnachweis)</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/PaymentDetailPage.qml" line="64"/>
        <source>Invoice</source>
        <translation>Rechnung</translation>
    </message>
</context>
<context>
    <name>ReceivePage</name>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ReceivePage.qml" line="20"/>
        <source>Receive</source>
        <translation>Empfangen</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ReceivePage.qml" line="59"/>
        <source>Received </source>
        <translation>Empfangen: </translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ReceivePage.qml" line="66"/>
        <source>Paid over Lightning: it is in your balance now.</source>
        <translation>Über Lightning bezahlt: Der Betrag ist jetzt in Ihrem Guthaben.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ReceivePage.qml" line="67"/>
        <source>It is on its way: it counts as confirmed after the next block.</source>
        <translation>Er ist unterwegs: Nach dem nächsten Block gilt er als bestätigt.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ReceivePage.qml" line="74"/>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ReceivePage.qml" line="86"/>
        <source>PNG image (*.png)</source>
        <translation>PNG-Bild (*.png)</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ReceivePage.qml" line="105"/>
        <source>Any wallet</source>
        <translation>Jede Wallet</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ReceivePage.qml" line="106"/>
        <source>Lightning</source>
        <translation>Lightning</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ReceivePage.qml" line="107"/>
        <source>On-chain</source>
        <translation>On-Chain</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ReceivePage.qml" line="108"/>
        <source>Offer</source>
        <translation>Angebot</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ReceivePage.qml" line="126"/>
        <source>A new channel is needed</source>
        <translation>Ein neuer Kanal ist nötig</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ReceivePage.qml" line="132"/>
        <source>Your channels cannot receive this amount. Your LSP can open a new channel as the payment arrives, and takes its fee from it.</source>
        <translation>Ihre Kanäle können diesen Betrag nicht empfangen. Ihr LSP kann beim Eingang der Zahlung einen neuen Kanal öffnen und zieht seine Gebühr davon ab.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ReceivePage.qml" line="137"/>
        <source>The payer pays</source>
        <translation>Der Zahler zahlt</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ReceivePage.qml" line="138"/>
        <source>The new channel costs</source>
        <translation>Der neue Kanal kostet</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ReceivePage.qml" line="139"/>
        <source>You receive</source>
        <translation>Sie erhalten</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ReceivePage.qml" line="140"/>
        <source>This price holds until</source>
        <translation>Dieser Preis gilt bis</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ReceivePage.qml" line="151"/>
        <source>Making the invoice…</source>
        <translation>Rechnung wird erstellt…</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ReceivePage.qml" line="151"/>
        <source>Accept this fee</source>
        <translation>Diese Gebühr akzeptieren</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ReceivePage.qml" line="194"/>
        <source>No offer yet.</source>
        <translation>Noch kein Angebot.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ReceivePage.qml" line="196"/>
        <source>Correct the amount below to see the invoice.</source>
        <translation>Korrigieren Sie den Betrag unten, um die Rechnung zu sehen.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ReceivePage.qml" line="199"/>
        <source>No invoice yet.</source>
        <translation>Noch keine Rechnung.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ReceivePage.qml" line="199"/>
        <source>Lightning invoices need the wallet to be open.</source>
        <translation>Für Lightning-Rechnungen muss die Wallet geöffnet sein.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ReceivePage.qml" line="200"/>
        <source>Correct the amount below to see the request.</source>
        <translation>Korrigieren Sie den Betrag unten, um die Anfrage zu sehen.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ReceivePage.qml" line="202"/>
        <source>No address yet.</source>
        <translation>Noch keine Adresse.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ReceivePage.qml" line="203"/>
        <source>Kite is not connected yet, so it cannot give you an address to receive to.</source>
        <translation>Kite ist noch nicht verbunden und kann Ihnen daher keine Empfangsadresse geben.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ReceivePage.qml" line="215"/>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ReceivePage.qml" line="240"/>
        <source>Through a new channel: the payer pays %1, the channel costs %2, you receive %3.</source>
        <translation>Über einen neuen Kanal: Der Zahler zahlt %1, der Kanal kostet %2, Sie erhalten %3.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ReceivePage.qml" line="260"/>
        <source>Reusable: payers choose the amount and can pay this offer again and again. It reaches this wallet through your trampoline channel while Kite is online.</source>
        <translation>Wiederverwendbar: Zahlende wählen den Betrag und können dieses Angebot immer wieder bezahlen. Es erreicht diese Wallet über Ihren Trampolin-Kanal, solange Kite online ist.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ReceivePage.qml" line="270"/>
        <source>Pays over Lightning.</source>
        <translation>Zahlt über Lightning.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ReceivePage.qml" line="271"/>
        <source>Pays over Lightning or on-chain, whichever the payer&apos;s wallet can.</source>
        <translation>Zahlt über Lightning oder On-Chain, je nachdem, was die Wallet des Zahlers kann.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ReceivePage.qml" line="272"/>
        <source>An on-chain request (the Lightning invoice is on its way).</source>
        <translation>Eine On-Chain-Anfrage (die Lightning-Rechnung ist unterwegs).</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ReceivePage.qml" line="273"/>
        <source> You can receive up to </source>
        <translation> Sie können jetzt bis zu </translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ReceivePage.qml" line="273"/>
        <source> over Lightning now.</source>
        <translation> über Lightning empfangen.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ReceivePage.qml" line="287"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ReceivePage.qml" line="295"/>
        <source>Save image</source>
        <translation>Bild speichern</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ReceivePage.qml" line="321"/>
        <source>Withdraw from a code</source>
        <translation>Mit einem Code abheben</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ReceivePage.qml" line="332"/>
        <source>Demo: have the shop pay this</source>
        <translation>Demo: vom Laden bezahlen lassen</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ReceivePage.qml" line="354"/>
        <source>Amount (</source>
        <translation>Betrag (</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ReceivePage.qml" line="354"/>
        <source>), optional</source>
        <translation>), optional</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ReceivePage.qml" line="369"/>
        <source>Description, optional</source>
        <translation>Beschreibung, optional</translation>
    </message>
</context>
<context>
    <name>RestorePage</name>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/RestorePage.qml" line="11"/>
        <source>Restore a wallet</source>
        <translation>Wallet wiederherstellen</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/RestorePage.qml" line="25"/>
        <source>Type your seed words in order, separated by spaces.</source>
        <translation>Tippen Sie Ihre Wiederherstellungswörter der Reihe nach ein, getrennt durch Leerzeichen.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/RestorePage.qml" line="33"/>
        <source>12 or 24 words</source>
        <translation>12 oder 24 Wörter</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/RestorePage.qml" line="82"/>
        <source>Hide passphrase</source>
        <translation>Passphrase ausblenden</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/RestorePage.qml" line="82"/>
        <source>I also used a passphrase</source>
        <translation>Ich habe auch eine Passphrase verwendet</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/RestorePage.qml" line="91"/>
        <source>Passphrase (optional, not your password)</source>
        <translation>Passphrase (optional, nicht Ihr Passwort)</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/RestorePage.qml" line="97"/>
        <source>Only if you chose one when you made the wallet: a different passphrase opens a different, empty wallet.</source>
        <translation>Nur wenn Sie beim Erstellen der Wallet eine gewählt haben: Eine andere Passphrase öffnet eine andere, leere Wallet.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/RestorePage.qml" line="105"/>
        <source>Continue</source>
        <translation>Weiter</translation>
    </message>
</context>
<context>
    <name>ScanPage</name>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ScanPage.qml" line="10"/>
        <source>Scan a QR code</source>
        <translation>QR-Code scannen</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ScanPage.qml" line="30"/>
        <source>Point the camera at a QR code</source>
        <translation>Richten Sie die Kamera auf einen QR-Code</translation>
    </message>
</context>
<context>
    <name>SeedPage</name>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SeedPage.qml" line="15"/>
        <source>Seed words</source>
        <translation>Wiederherstellungswörter</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SeedPage.qml" line="25"/>
        <source>One of these words does not match. Look at your paper again, or go back to see the words.</source>
        <translation>Eines dieser Wörter stimmt nicht. Schauen Sie noch einmal auf Ihr Papier oder gehen Sie zurück zu den Wörtern.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SeedPage.qml" line="43"/>
        <source>Anyone who sees these words can take your money. Make sure nobody is watching, then type your password.</source>
        <translation>Wer diese Wörter sieht, kann Ihr Geld nehmen. Achten Sie darauf, dass niemand zusieht, und geben Sie dann Ihr Passwort ein.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SeedPage.qml" line="52"/>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SeedPage.qml" line="63"/>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SeedPage.qml" line="63"/>
        <source>Show seed words</source>
        <translation>Wiederherstellungswörter zeigen</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SeedPage.qml" line="72"/>
        <source>These %1 words, in this order, restore this wallet on any device. Keep them on paper, offline.</source>
        <translation>Diese %1 Wörter stellen in dieser Reihenfolge diese Wallet auf jedem Gerät wieder her. Bewahren Sie sie auf Papier auf, offline.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SeedPage.qml" line="101"/>
        <source>Passphrase (needed too, with the words, to restore)</source>
        <translation>Passphrase (zum Wiederherstellen zusammen mit den Wörtern ebenfalls nötig)</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SeedPage.qml" line="107"/>
        <source>Check my paper copy again</source>
        <translation>Meine Abschrift erneut prüfen</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SeedPage.qml" line="107"/>
        <source>I have written them down: check my backup</source>
        <translation>Ich habe sie aufgeschrieben: Sicherung prüfen</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SeedPage.qml" line="115"/>
        <source>Type these words from your paper (not from the screen).</source>
        <translation>Tippen Sie diese Wörter von Ihrem Papier ab (nicht vom Bildschirm).</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SeedPage.qml" line="125"/>
        <source>Word #%1</source>
        <translation>Wort Nr. %1</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SeedPage.qml" line="137"/>
        <source>Check</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SeedPage.qml" line="146"/>
        <source>Your paper copy is right. Keep it somewhere safe; Kite will not remind you again.</source>
        <translation>Ihre Abschrift stimmt. Bewahren Sie sie sicher auf; Kite erinnert Sie nicht mehr daran.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SeedPage.qml" line="155"/>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
</context>
<context>
    <name>SendPage</name>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="12"/>
        <source>Confirm payment</source>
        <translation>Zahlung bestätigen</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="12"/>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="352"/>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="22"/>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.gif *.webp)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.bmp *.gif *.webp)</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="62"/>
        <source>Expired: ask the recipient for a new invoice</source>
        <translation>Abgelaufen: Bitten Sie den Empfänger um eine neue Rechnung</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="64"/>
        <source>Expires in %1 hours</source>
        <translation>Läuft in %1 Stunden ab</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="65"/>
        <source>Expires in %1 minutes</source>
        <translation>Läuft in %1 Minuten ab</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="66"/>
        <source>Expires in %1</source>
        <translation>Läuft ab in %1</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="77"/>
        <source>Paste or type a Bitcoin address, a Lightning invoice or offer, or a name like %1alice@example.com, or open a picture of its QR code.</source>
        <translation>Fügen Sie eine Bitcoin-Adresse, eine Lightning-Rechnung oder ein Angebot oder einen Namen wie %1alice@example.com ein oder tippen Sie sie, oder öffnen Sie ein Bild ihres QR-Codes.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="88"/>
        <source>Address, invoice, offer or name</source>
        <translation>Adresse, Rechnung, Angebot oder Name</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="109"/>
        <source>Looking up %1 and checking its DNSSEC proof…</source>
        <translation>%1 wird nachgeschlagen und sein DNSSEC-Nachweis geprüft…</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="128"/>
        <source>Paste</source>
        <translation>Einfügen</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="137"/>
        <source>QR image</source>
        <translation>QR-Bild</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="147"/>
        <source>Scan</source>
        <translation>Scannen</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="160"/>
        <source>Demo: pay the shop</source>
        <translation>Demo: den Laden bezahlen</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="182"/>
        <source>Continue</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="207"/>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="219"/>
        <source>Amount in </source>
        <translation>Betrag in </translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="231"/>
        <source>Everything in the wallet</source>
        <translation>Alles in der Wallet</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="238"/>
        <source>Send everything</source>
        <translation>Alles senden</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="257"/>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="275"/>
        <source>Note to the recipient (optional; they see it as written)</source>
        <translation>Notiz an den Empfänger (optional; er sieht sie so, wie sie geschrieben ist)</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="279"/>
        <source>e.g. Table 4, or your order number</source>
        <translation>z. B. Tisch 4 oder Ihre Bestellnummer</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="292"/>
        <source>Lightning</source>
        <translation>Lightning</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="301"/>
        <source>On-chain</source>
        <translation>On-Chain</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="308"/>
        <source>Paying</source>
        <translation>Zahlung</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="309"/>
        <source>To</source>
        <translation>An</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="310"/>
        <source>Name (BIP 353)</source>
        <translation>Name (BIP 353)</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="314"/>
        <source>✓ DNSSEC proof checked: the domain&apos;s signed DNS records name these payment details.</source>
        <translation>✓ DNSSEC-Nachweis geprüft: Die signierten DNS-Einträge der Domain nennen diese Zahlungsdaten.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="320"/>
        <source>For</source>
        <translation>Für</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="321"/>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="385"/>
        <source>Lightning fee</source>
        <translation>Lightning-Gebühr</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="321"/>
        <source>Network fee</source>
        <translation>Netzwerkgebühr</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="323"/>
        <source>Total</source>
        <translation>Gesamt</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="328"/>
        <source> I accept this fee.</source>
        <translation> Ich akzeptiere diese Gebühr.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="339"/>
        <source>Invoice</source>
        <translation>Rechnung</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="352"/>
        <source>Pay</source>
        <translation>Bezahlen</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="359"/>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="400"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="372"/>
        <source>Paying over Lightning…</source>
        <translation>Zahlung über Lightning…</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="372"/>
        <source>Sending…</source>
        <translation>Wird gesendet…</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="382"/>
        <source>Paid</source>
        <translation>Bezahlt</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="382"/>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="384"/>
        <source>Transaction</source>
        <translation>Transaktion</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="386"/>
        <source>Proof of payment (preimage)</source>
        <translation>Zahlungsnachweis (Preimage)</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="388"/>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="396"/>
        <source>Not paid</source>
        <translation>Nicht bezahlt</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="396"/>
        <source>Not sent</source>
        <translation>Nicht gesendet</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="399"/>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SendPage.qml" line="400"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>ServersPage</name>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ServersPage.qml" line="10"/>
        <location filename="../work/wt-b12gui/ui/qml/ServersPage.qml" line="75"/>
        <source>Servers</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ServersPage.qml" line="30"/>
        <source>Kite asks these Electrum servers about the Bitcoin chain and checks every answer. Add your own, or use one alone.</source>
        <translation>Kite fragt diese Electrum-Server nach der Bitcoin-Blockchain und prüft jede Antwort. Fügen Sie Ihren eigenen hinzu oder verwenden Sie nur einen.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ServersPage.qml" line="36"/>
        <source>Add a server</source>
        <translation>Server hinzufügen</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ServersPage.qml" line="40"/>
        <source>HOST:PORT (add :t for no TLS)</source>
        <translation>HOST:PORT (:t anhängen für kein TLS)</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ServersPage.qml" line="51"/>
        <source>Certificate SHA-256 (optional)</source>
        <translation>Zertifikat-SHA-256 (optional)</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ServersPage.qml" line="59"/>
        <source>Without a fingerprint, Kite trusts the certificate it sees first and refuses a different one later.</source>
        <translation>Ohne Fingerabdruck vertraut Kite dem zuerst gesehenen Zertifikat und lehnt später ein anderes ab.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ServersPage.qml" line="69"/>
        <source>Saving…</source>
        <translation>Speichern…</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ServersPage.qml" line="69"/>
        <source>Add server</source>
        <translation>Server hinzufügen</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ServersPage.qml" line="80"/>
        <source>Automatic: any server of the list</source>
        <translation>Automatisch: irgendein Server der Liste</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ServersPage.qml" line="88"/>
        <source>No server yet: add one above.</source>
        <translation>Noch kein Server: Fügen Sie oben einen hinzu.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ServersPage.qml" line="123"/>
        <source>Port </source>
        <translation>Port </translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ServersPage.qml" line="123"/>
        <source> · added by you</source>
        <translation> · von Ihnen hinzugefügt</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/ServersPage.qml" line="156"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SettingsPage.qml" line="8"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SettingsPage.qml" line="22"/>
        <source>Amounts</source>
        <translation>Beträge</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SettingsPage.qml" line="29"/>
        <source>Satoshis (1 BTC = 100 000 000 sat)</source>
        <translation>Satoshis (1 BTC = 100 000 000 sat)</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SettingsPage.qml" line="36"/>
        <source>Bitcoin (BTC)</source>
        <translation>Bitcoin (BTC)</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SettingsPage.qml" line="41"/>
        <source>Also show amounts in</source>
        <translation>Beträge auch zeigen in</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SettingsPage.qml" line="47"/>
        <source>No other currency</source>
        <translation>Keiner anderen Währung</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SettingsPage.qml" line="68"/>
        <source>Asking for the rate…</source>
        <translation>Der Kurs wird abgefragt…</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SettingsPage.qml" line="85"/>
        <source>Theme</source>
        <translation>Design</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SettingsPage.qml" line="87"/>
        <source>Follow the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SettingsPage.qml" line="87"/>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SettingsPage.qml" line="87"/>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SettingsPage.qml" line="97"/>
        <source>Lightning</source>
        <translation>Lightning</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SettingsPage.qml" line="98"/>
        <source>Trampoline peer (for new channels)</source>
        <translation>Trampolin-Gegenseite (für neue Kanäle)</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SettingsPage.qml" line="102"/>
        <source>Default: the network&apos;s trampoline</source>
        <translation>Standard: das Trampolin des Netzes</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SettingsPage.qml" line="102"/>
        <source>NODEID@HOST:PORT</source>
        <translation>KNOTEN-ID@HOST:PORT</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SettingsPage.qml" line="125"/>
        <source>Maximum Lightning fee per payment</source>
        <translation>Höchste Lightning-Gebühr je Zahlung</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SettingsPage.qml" line="138"/>
        <source>% of the amount, at least</source>
        <translation>% des Betrags, mindestens</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SettingsPage.qml" line="151"/>
        <source>For a 2 100 sat coffee: at most </source>
        <translation>Für einen Kaffee für 2 100 sat: höchstens </translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SettingsPage.qml" line="152"/>
        <source>; for 1 000 000 sat: at most </source>
        <translation>; für 1 000 000 sat: höchstens </translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SettingsPage.qml" line="163"/>
        <source>Recoverable channels</source>
        <translation>Wiederherstellbare Kanäle</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SettingsPage.qml" line="183"/>
        <source>Servers · </source>
        <translation>Server · </translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SettingsPage.qml" line="183"/>
        <source>connected</source>
        <translation>verbunden</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SettingsPage.qml" line="183"/>
        <source>none connected</source>
        <translation>keiner verbunden</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SettingsPage.qml" line="190"/>
        <source>Backup</source>
        <translation>Sicherung</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SettingsPage.qml" line="193"/>
        <source>Show seed words…</source>
        <translation>Wiederherstellungswörter zeigen…</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SettingsPage.qml" line="198"/>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SettingsPage.qml" line="201"/>
        <source>Export history (CSV or JSON)…</source>
        <translation>Verlauf exportieren (CSV oder JSON)…</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SettingsPage.qml" line="206"/>
        <source>About</source>
        <translation>Über Kite</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SettingsPage.qml" line="207"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SettingsPage.qml" line="207"/>
        <source>Kite </source>
        <translation>Kite </translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SettingsPage.qml" line="180"/>
        <location filename="../work/wt-b12gui/ui/qml/SettingsPage.qml" line="208"/>
        <source>Network</source>
        <translation>Netz</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SettingsPage.qml" line="209"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SettingsPage.qml" line="209"/>
        <source>None connected</source>
        <translation>Keiner verbunden</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SettingsPage.qml" line="210"/>
        <source>Node id</source>
        <translation>Knoten-ID</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SettingsPage.qml" line="210"/>
        <source>Shown once the wallet is open</source>
        <translation>Wird gezeigt, sobald die Wallet geöffnet ist</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SettingsPage.qml" line="211"/>
        <source>Wallet folder</source>
        <translation>Wallet-Ordner</translation>
    </message>
</context>
<context>
    <name>SpeedUpBox</name>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SpeedUpBox.qml" line="18"/>
        <location filename="../work/wt-b12gui/ui/qml/SpeedUpBox.qml" line="73"/>
        <source>Speed up</source>
        <translation>Beschleunigen</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SpeedUpBox.qml" line="25"/>
        <source>Replace this payment with the same one paying a higher fee (RBF). The recipient gets the same amount.</source>
        <translation>Diese Zahlung durch dieselbe mit höherer Gebühr ersetzen (RBF). Der Empfänger erhält denselben Betrag.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SpeedUpBox.qml" line="26"/>
        <source>Spend the coins you are receiving with a higher fee, so that miners take both transactions (CPFP). The fee comes out of the coins received.</source>
        <translation>Die eingehenden Coins mit höherer Gebühr weitergeben, damit Miner beide Transaktionen aufnehmen (CPFP). Die Gebühr wird von den empfangenen Coins bezahlt.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SpeedUpBox.qml" line="38"/>
        <source>New fee rate</source>
        <translation>Neuer Gebührensatz</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SpeedUpBox.qml" line="43"/>
        <source>sat/vB</source>
        <translation>sat/vB</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SpeedUpBox.qml" line="49"/>
        <source>New network fee: %1 (instead of the fee paid now).</source>
        <translation>Neue Netzwerkgebühr: %1 (statt der jetzt gezahlten Gebühr).</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SpeedUpBox.qml" line="50"/>
        <source>Fee of the extra transaction: %1.</source>
        <translation>Gebühr der zusätzlichen Transaktion: %1.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SpeedUpBox.qml" line="65"/>
        <source>Sent. New transaction: %1</source>
        <translation>Gesendet. Neue Transaktion: %1</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SpeedUpBox.qml" line="73"/>
        <source>Working…</source>
        <translation>In Arbeit…</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/SpeedUpBox.qml" line="73"/>
        <source>Speed up for %1</source>
        <translation>Für %1 beschleunigen</translation>
    </message>
</context>
<context>
    <name>UnlockPage</name>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/UnlockPage.qml" line="19"/>
        <source>Welcome back</source>
        <translation>Willkommen zurück</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/UnlockPage.qml" line="28"/>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/UnlockPage.qml" line="40"/>
        <source>Stop the daemon and open here</source>
        <translation>Daemon beenden und hier öffnen</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/UnlockPage.qml" line="48"/>
        <source>This version of Kite cannot open the wallet yet.</source>
        <translation>Diese Version von Kite kann die Wallet noch nicht öffnen.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/UnlockPage.qml" line="57"/>
        <source>Opening…</source>
        <translation>Wird geöffnet…</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/UnlockPage.qml" line="61"/>
        <source>Unlock</source>
        <translation>Entsperren</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/WelcomePage.qml" line="22"/>
        <source>Kite</source>
        <translation>Kite</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/WelcomePage.qml" line="28"/>
        <source>Bitcoin and Lightning, in your pocket.
Your keys, your coins.</source>
        <translation>Bitcoin und Lightning in Ihrer Tasche.
Ihre Schlüssel, Ihre Coins.</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/WelcomePage.qml" line="38"/>
        <source>Create a new wallet</source>
        <translation>Neue Wallet erstellen</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/WelcomePage.qml" line="44"/>
        <source>I already have seed words</source>
        <translation>Ich habe schon Wiederherstellungswörter</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/WelcomePage.qml" line="51"/>
        <source>Hide advanced options</source>
        <translation>Erweiterte Optionen ausblenden</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/WelcomePage.qml" line="51"/>
        <source>Advanced</source>
        <translation>Erweitert</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/WelcomePage.qml" line="60"/>
        <source>Network</source>
        <translation>Netz</translation>
    </message>
    <message>
        <location filename="../work/wt-b12gui/ui/qml/WelcomePage.qml" line="74"/>
        <source>Mainnet is real bitcoin. The others are for testing and hold no value.</source>
        <translation>Mainnet ist echtes Bitcoin. Die anderen Netze dienen zum Testen und haben keinen Wert.</translation>
    </message>
</context>
</TS>
