<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>BackupFileModel</name>
    <message>
        <location filename="../../ui/models/backup_file.py" line="87"/>
        <source>Choose a file first.</source>
        <translation>Wählen Sie zuerst eine Datei.</translation>
    </message>
    <message>
        <location filename="../../ui/models/backup_file.py" line="102"/>
        <source>Saved the backup of 1 channel to %1.</source>
        <translation>Sicherung von 1 Kanal in %1 gespeichert.</translation>
    </message>
    <message>
        <location filename="../../ui/models/backup_file.py" line="103"/>
        <source>Saved the backup of %2 channels to %1.</source>
        <translation>Sicherung von %2 Kanälen in %1 gespeichert.</translation>
    </message>
    <message>
        <location filename="../../ui/models/backup_file.py" line="109"/>
        <source>Recovering the channel in the file: its peer is asked to close, then your funds come back on-chain.</source>
        <translation>Der Kanal aus der Datei wird wiederhergestellt: Die Gegenseite wird gebeten, ihn zu schließen, dann kommt Ihr Guthaben on-chain zurück.</translation>
    </message>
    <message>
        <location filename="../../ui/models/backup_file.py" line="112"/>
        <source>Recovering %2 of the %1 channels in the file: their peers are asked to close, then your funds come back on-chain.</source>
        <translation>%2 der %1 Kanäle aus der Datei werden wiederhergestellt: Die Gegenseiten werden gebeten, sie zu schließen, dann kommt Ihr Guthaben on-chain zurück.</translation>
    </message>
    <message>
        <location filename="../../ui/models/backup_file.py" line="116"/>
        <source>This wallet already knows every channel in the file (%1), so nothing changed.</source>
        <translation>Diese Wallet kennt bereits jeden Kanal der Datei (%1), es hat sich nichts geändert.</translation>
    </message>
    <message>
        <location filename="../../ui/models/backup_file.py" line="118"/>
        <source>The file holds no channel, so nothing changed.</source>
        <translation>Die Datei enthält keinen Kanal, es hat sich nichts geändert.</translation>
    </message>
</context>
<context>
    <name>BackupReminder</name>
    <message>
        <location filename="../../ui/qml/BackupReminder.qml" line="21"/>
        <source>Your seed words are not backed up yet. Without them, a lost device means lost money.</source>
        <translation>Ihre Wiederherstellungswörter sind noch nicht gesichert. Ohne sie ist mit dem Gerät auch das Geld verloren.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/BackupReminder.qml" line="30"/>
        <source>Later</source>
        <translation>Später</translation>
    </message>
    <message>
        <location filename="../../ui/qml/BackupReminder.qml" line="36"/>
        <source>Back up now</source>
        <translation>Jetzt sichern</translation>
    </message>
</context>
<context>
    <name>BuyInbound</name>
    <message>
        <location filename="../../ui/models/buy_inbound.py" line="71"/>
        <source>That is not an amount.</source>
        <translation>Das ist kein Betrag.</translation>
    </message>
    <message>
        <location filename="../../ui/models/buy_inbound.py" line="116"/>
        <source>Not on-chain: the wallet&apos;s spendable on-chain balance cannot pay %1 plus the network fee.</source>
        <translation>Nicht on-chain: Das verfügbare On-Chain-Guthaben der Wallet reicht nicht für %1 plus die Netzwerkgebühr.</translation>
    </message>
    <message>
        <location filename="../../ui/models/buy_inbound.py" line="124"/>
        <source>Not on-chain: %1</source>
        <translation>Nicht on-chain: %1</translation>
    </message>
    <message>
        <location filename="../../ui/models/buy_inbound.py" line="212"/>
        <source>The LSP opens a channel of %1 to this wallet, kept open at least %2 blocks.</source>
        <translation>Der LSP öffnet einen Kanal von %1 zu dieser Wallet, der mindestens %2 Blöcke offen bleibt.</translation>
    </message>
    <message>
        <location filename="../../ui/models/buy_inbound.py" line="249"/>
        <source>The LSP&apos;s fee of %1, paid now over Lightning. The channel opens at once.</source>
        <translation>Die Gebühr des LSP von %1, jetzt über Lightning bezahlt. Der Kanal wird sofort geöffnet.</translation>
    </message>
    <message>
        <location filename="../../ui/models/buy_inbound.py" line="259"/>
        <source>Pricing the on-chain payment…</source>
        <translation>Die On-Chain-Zahlung wird berechnet…</translation>
    </message>
    <message>
        <location filename="../../ui/models/buy_inbound.py" line="263"/>
        <source>The channel opens after 1 confirmation of the payment.</source>
        <translation>Der Kanal wird nach 1 Bestätigung der Zahlung geöffnet.</translation>
    </message>
    <message>
        <location filename="../../ui/models/buy_inbound.py" line="265"/>
        <source>The channel opens after %1 confirmations of the payment.</source>
        <translation>Der Kanal wird nach %1 Bestätigungen der Zahlung geöffnet.</translation>
    </message>
    <message>
        <location filename="../../ui/models/buy_inbound.py" line="267"/>
        <source>%1 to the LSP (its fee) plus a network fee of %2: %3 leave this wallet.</source>
        <translation>%1 an den LSP (seine Gebühr) plus eine Netzwerkgebühr von %2: %3 verlassen diese Wallet.</translation>
    </message>
    <message>
        <location filename="../../ui/models/buy_inbound.py" line="281"/>
        <source>High network fee: %1.</source>
        <translation>Hohe Netzwerkgebühr: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/models/buy_inbound.py" line="291"/>
        <source>Pay %1 on-chain</source>
        <translation>%1 on-chain bezahlen</translation>
    </message>
    <message>
        <location filename="../../ui/models/buy_inbound.py" line="294"/>
        <source>Buy for %1</source>
        <translation>Kaufen für %1</translation>
    </message>
    <message>
        <location filename="../../ui/models/buy_inbound.py" line="295"/>
        <source>Buy</source>
        <translation>Kaufen</translation>
    </message>
    <message>
        <location filename="../../ui/models/buy_inbound.py" line="305"/>
        <source>Paid, but the channel the LSP says it opened is not in this wallet as ordered. Check the Channels page; contact the LSP if it does not appear.</source>
        <translation>Bezahlt, aber der Kanal, den der LSP geöffnet haben will, ist nicht wie bestellt in dieser Wallet. Sehen Sie auf der Seite Kanäle nach; wenden Sie sich an den LSP, wenn er nicht erscheint.</translation>
    </message>
    <message>
        <location filename="../../ui/models/buy_inbound.py" line="310"/>
        <source>Paid. The LSP has published the channel; it can receive once its funding transaction confirms.</source>
        <translation>Bezahlt. Der LSP hat den Kanal veröffentlicht; er kann empfangen, sobald seine Finanzierungstransaktion bestätigt ist.</translation>
    </message>
    <message>
        <location filename="../../ui/models/buy_inbound.py" line="313"/>
        <source>The LSP could not open the channel; the fee was refunded.</source>
        <translation>Der LSP konnte den Kanal nicht öffnen; die Gebühr wurde zurückerstattet.</translation>
    </message>
    <message>
        <location filename="../../ui/models/buy_inbound.py" line="315"/>
        <source>Paid. The LSP has not opened the channel yet; it appears in the list when it does.</source>
        <translation>Bezahlt. Der LSP hat den Kanal noch nicht geöffnet; er erscheint in der Liste, sobald er es tut.</translation>
    </message>
    <message>
        <location filename="../../ui/models/buy_inbound.py" line="321"/>
        <source>The LSP could not open the channel and sent the payment back to this wallet; it shows in the on-chain balance.</source>
        <translation>Der LSP konnte den Kanal nicht öffnen und hat die Zahlung an diese Wallet zurückgeschickt; sie erscheint im On-Chain-Guthaben.</translation>
    </message>
    <message>
        <location filename="../../ui/models/buy_inbound.py" line="325"/>
        <source>The LSP could not open the channel; it must send the payment back to this wallet.</source>
        <translation>Der LSP konnte den Kanal nicht öffnen; er muss die Zahlung an diese Wallet zurückschicken.</translation>
    </message>
    <message>
        <location filename="../../ui/models/buy_inbound.py" line="329"/>
        <source>Paid on-chain. The LSP opens the channel after 1 confirmation of the payment; it appears in the list when it does.</source>
        <translation>On-chain bezahlt. Der LSP öffnet den Kanal nach 1 Bestätigung der Zahlung; er erscheint in der Liste, sobald er es tut.</translation>
    </message>
    <message>
        <location filename="../../ui/models/buy_inbound.py" line="332"/>
        <source>Paid on-chain. The LSP opens the channel after %1 confirmations of the payment; it appears in the list when it does.</source>
        <translation>On-chain bezahlt. Der LSP öffnet den Kanal nach %1 Bestätigungen der Zahlung; er erscheint in der Liste, sobald er es tut.</translation>
    </message>
</context>
<context>
    <name>BuyInboundPage</name>
    <message>
        <location filename="../../ui/qml/BuyInboundPage.qml" line="11"/>
        <source>Buy inbound capacity</source>
        <translation>Empfangskapazität kaufen</translation>
    </message>
    <message>
        <location filename="../../ui/qml/BuyInboundPage.qml" line="24"/>
        <source>Your LSP opens a channel to this wallet so that it can receive payments. You pay its fee now; the channel is yours to receive on once its funding transaction confirms.</source>
        <translation>Ihr LSP öffnet einen Kanal zu dieser Wallet, damit sie Zahlungen empfangen kann. Sie zahlen seine Gebühr jetzt; über den Kanal empfangen Sie, sobald seine Finanzierungstransaktion bestätigt ist.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/BuyInboundPage.qml" line="29"/>
        <source>Inbound capacity</source>
        <translation>Empfangskapazität</translation>
    </message>
    <message>
        <location filename="../../ui/qml/BuyInboundPage.qml" line="33"/>
        <source>Amount in </source>
        <translation>Betrag in </translation>
    </message>
    <message>
        <location filename="../../ui/qml/BuyInboundPage.qml" line="43"/>
        <source>Asking the LSP…</source>
        <translation>Der LSP wird gefragt…</translation>
    </message>
    <message>
        <location filename="../../ui/qml/BuyInboundPage.qml" line="43"/>
        <source>See the fee</source>
        <translation>Gebühr anzeigen</translation>
    </message>
    <message>
        <location filename="../../ui/qml/BuyInboundPage.qml" line="57"/>
        <source>How to pay</source>
        <translation>Bezahlen</translation>
    </message>
    <message>
        <location filename="../../ui/qml/BuyInboundPage.qml" line="69"/>
        <source>Over Lightning</source>
        <translation>Über Lightning</translation>
    </message>
    <message>
        <location filename="../../ui/qml/BuyInboundPage.qml" line="87"/>
        <source>On-chain</source>
        <translation>On-chain</translation>
    </message>
    <message>
        <location filename="../../ui/qml/BuyInboundPage.qml" line="111"/>
        <source> I accept this fee.</source>
        <translation> Ich akzeptiere diese Gebühr.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/BuyInboundPage.qml" line="126"/>
        <source>Paying…</source>
        <translation>Wird bezahlt…</translation>
    </message>
</context>
<context>
    <name>Channels</name>
    <message>
        <location filename="../../ui/qml/OpenChannelPage.qml" line="15"/>
        <location filename="../../ui/models/channels.py" line="341"/>
        <source>Channel opening</source>
        <translation>Kanal wird geöffnet</translation>
    </message>
    <message>
        <location filename="../../ui/models/channels.py" line="36"/>
        <location filename="../../ui/models/channels.py" line="37"/>
        <location filename="../../ui/models/channels.py" line="38"/>
        <source>Recovering</source>
        <extracomment>a channel found by a restore (we hold no state of it), by its `recovery` (short: the card&apos;s state line; `recovery_text` says the rest)</extracomment>
        <translation>Wird wiederhergestellt</translation>
    </message>
    <message>
        <location filename="../../ui/models/channels.py" line="39"/>
        <source>Recovered</source>
        <translation>Wiederhergestellt</translation>
    </message>
    <message>
        <location filename="../../ui/models/channels.py" line="40"/>
        <location filename="../../ui/models/channels.py" line="55"/>
        <source>Closed</source>
        <translation>Geschlossen</translation>
    </message>
    <message>
        <location filename="../../ui/models/channels.py" line="57"/>
        <location filename="../../ui/models/channels.py" line="365"/>
        <source>Closing</source>
        <translation>Wird geschlossen</translation>
    </message>
    <message>
        <location filename="../../ui/models/channels.py" line="59"/>
        <source>Opening: waiting for confirmation</source>
        <translation>Wird geöffnet: wartet auf Bestätigung</translation>
    </message>
    <message>
        <location filename="../../ui/models/channels.py" line="60"/>
        <source>Opening</source>
        <translation>Wird geöffnet</translation>
    </message>
    <message>
        <location filename="../../ui/models/channels.py" line="62"/>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <location filename="../../ui/models/channels.py" line="63"/>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../ui/models/channels.py" line="64"/>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <location filename="../../ui/models/channels.py" line="126"/>
        <source>Your side returns to the on-chain balance once the closing transaction confirms.</source>
        <translation>Ihr Anteil geht an Ihr On-Chain-Guthaben zurück, sobald die Schließungstransaktion bestätigt ist.</translation>
    </message>
    <message>
        <location filename="../../ui/models/channels.py" line="267"/>
        <source>That is not an amount.</source>
        <translation>Das ist kein Betrag.</translation>
    </message>
    <message>
        <location filename="../../ui/models/channels.py" line="304"/>
        <source>Enter an amount to see the fee</source>
        <translation>Geben Sie einen Betrag ein, um die Gebühr zu sehen</translation>
    </message>
    <message>
        <location filename="../../ui/models/channels.py" line="306"/>
        <source>Estimating…</source>
        <translation>Wird geschätzt…</translation>
    </message>
    <message>
        <location filename="../../ui/models/channels.py" line="311"/>
        <source>%1 (%2 sat/vB)</source>
        <translation>%1 (%2 sat/vB)</translation>
    </message>
    <message>
        <location filename="../../ui/models/channels.py" line="364"/>
        <source>Force-closing</source>
        <translation>Wird zwangsweise geschlossen</translation>
    </message>
</context>
<context>
    <name>ChannelsPage</name>
    <message>
        <location filename="../../ui/qml/ChannelsPage.qml" line="15"/>
        <source>Channels</source>
        <translation>Kanäle</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ChannelsPage.qml" line="35"/>
        <source>Spendable over Lightning</source>
        <translation>Über Lightning ausgebbar</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ChannelsPage.qml" line="43"/>
        <source>On-chain, for new channels: </source>
        <translation>On-Chain, für neue Kanäle: </translation>
    </message>
    <message>
        <location filename="../../ui/qml/ChannelsPage.qml" line="59"/>
        <source>The on-chain reserve is short by </source>
        <translation>Die On-Chain-Reserve ist um </translation>
    </message>
    <message>
        <location filename="../../ui/qml/ChannelsPage.qml" line="60"/>
        <source>: anchor channels need </source>
        <translation> zu knapp: Anker-Kanäle brauchen </translation>
    </message>
    <message>
        <location filename="../../ui/qml/ChannelsPage.qml" line="61"/>
        <source> of confirmed coins to pay the fees of a force close, and the wallet has </source>
        <translation> an bestätigten Coins, um die Gebühren einer Zwangsschließung zu bezahlen, und die Wallet hat </translation>
    </message>
    <message>
        <location filename="../../ui/qml/ChannelsPage.qml" line="74"/>
        <source>Open a channel</source>
        <translation>Kanal öffnen</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ChannelsPage.qml" line="81"/>
        <source>Buy inbound capacity</source>
        <translation>Empfangskapazität kaufen</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ChannelsPage.qml" line="89"/>
        <source>No channels yet. A channel holds the coins you pay with over Lightning: open one with some of your on-chain balance.</source>
        <translation>Noch keine Kanäle. Ein Kanal enthält die Coins, mit denen Sie über Lightning zahlen: Öffnen Sie einen mit einem Teil Ihres On-Chain-Guthabens.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ChannelsPage.qml" line="145"/>
        <source>Your %1 are on the way to your on-chain balance (less the network fee)</source>
        <translation>Ihre %1 sind auf dem Weg zu Ihrem On-Chain-Guthaben (abzüglich der Netzwerkgebühr)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ChannelsPage.qml" line="146"/>
        <source>Your side is on the way to your on-chain balance (less the network fee)</source>
        <translation>Ihr Anteil ist auf dem Weg zu Ihrem On-Chain-Guthaben (abzüglich der Netzwerkgebühr)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ChannelsPage.qml" line="147"/>
        <source>, confirming around block %1.</source>
        <translation>, bestätigt etwa in Block %1.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ChannelsPage.qml" line="148"/>
        <source>Your side of this channel is back in your on-chain balance.</source>
        <translation>Ihr Anteil an diesem Kanal ist zurück in Ihrem On-Chain-Guthaben.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ChannelsPage.qml" line="149"/>
        <source>The peer closed it with nothing of yours left in it.</source>
        <translation>Die Gegenseite hat ihn geschlossen; es war nichts mehr von Ihnen darin.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ChannelsPage.qml" line="150"/>
        <source>This wallet was restored and no longer knows this channel&apos;s balance: its peer is asked to close it, then your side comes back to your on-chain balance.</source>
        <translation>Diese Wallet wurde wiederhergestellt und kennt den Stand dieses Kanals nicht mehr: Die Gegenseite wird gebeten, ihn zu schließen, dann kommt Ihr Anteil in Ihr On-Chain-Guthaben zurück.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ChannelsPage.qml" line="159"/>
        <source>You </source>
        <translation>Sie </translation>
    </message>
    <message>
        <location filename="../../ui/qml/ChannelsPage.qml" line="160"/>
        <source>Them </source>
        <translation>Gegenseite </translation>
    </message>
    <message>
        <location filename="../../ui/qml/ChannelsPage.qml" line="165"/>
        <source>You can send </source>
        <translation>Sie können jetzt </translation>
    </message>
    <message>
        <location filename="../../ui/qml/ChannelsPage.qml" line="165"/>
        <source> and receive </source>
        <translation> senden und </translation>
    </message>
    <message>
        <location filename="../../ui/qml/ChannelsPage.qml" line="166"/>
        <source> now.</source>
        <translation> empfangen.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ChannelsPage.qml" line="168"/>
        <source> of yours stays in the channel as its reserve</source>
        <translation> von Ihrem Anteil bleiben als Reserve im Kanal</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ChannelsPage.qml" line="169"/>
        <source> (the peer requires it, with the fee of closing): it comes back to you when the channel closes.</source>
        <translation> (die Gegenseite verlangt sie, samt der Gebühr fürs Schließen): Sie erhalten sie zurück, wenn der Kanal geschlossen wird.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ChannelsPage.qml" line="177"/>
        <source>Peer </source>
        <translation>Gegenseite </translation>
    </message>
    <message>
        <location filename="../../ui/qml/ChannelsPage.qml" line="198"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ChannelsPage.qml" line="207"/>
        <location filename="../../ui/qml/ChannelsPage.qml" line="296"/>
        <source>Force close</source>
        <translation>Zwangsweise schließen</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ChannelsPage.qml" line="242"/>
        <source>Close this channel?</source>
        <translation>Diesen Kanal schließen?</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ChannelsPage.qml" line="245"/>
        <source>Your </source>
        <translation>Ihr Anteil von </translation>
    </message>
    <message>
        <location filename="../../ui/qml/ChannelsPage.qml" line="245"/>
        <source> in it, less the closing transaction&apos;s fee, goes to your on-chain balance</source>
        <translation> geht, abzüglich der Gebühr der Schließungstransaktion, an Ihr On-Chain-Guthaben</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ChannelsPage.qml" line="246"/>
        <source> (an address of this wallet). It is shown as pending until the closing transaction confirms, usually within an hour.</source>
        <translation> (eine Adresse dieser Wallet). Er wird als ausstehend angezeigt, bis die Schließungstransaktion bestätigt ist, meist innerhalb einer Stunde.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ChannelsPage.qml" line="247"/>
        <source> You can no longer pay over Lightning with it.</source>
        <translation> Sie können damit nicht mehr über Lightning zahlen.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ChannelsPage.qml" line="253"/>
        <source>Close channel</source>
        <translation>Kanal schließen</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ChannelsPage.qml" line="259"/>
        <location filename="../../ui/qml/ChannelsPage.qml" line="302"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ChannelsPage.qml" line="288"/>
        <source>Force close?</source>
        <translation>Zwangsweise schließen?</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ChannelsPage.qml" line="290"/>
        <source>Kite publishes its latest channel transaction without the peer. Your coins come back to your on-chain balance only after a delay the peer set (up to two weeks), and the fees are higher. Close cooperatively when the peer is online.</source>
        <translation>Kite veröffentlicht seine letzte Kanaltransaktion ohne die Gegenseite. Ihre Coins kommen erst nach einer von der Gegenseite festgelegten Wartezeit (bis zu zwei Wochen) auf Ihr On-Chain-Guthaben zurück, und die Gebühren sind höher. Schließen Sie einvernehmlich, wenn die Gegenseite online ist.</translation>
    </message>
</context>
<context>
    <name>CheckWordsPage</name>
    <message>
        <location filename="../../ui/qml/CheckWordsPage.qml" line="10"/>
        <source>Check your words</source>
        <translation>Wörter prüfen</translation>
    </message>
    <message>
        <location filename="../../ui/qml/CheckWordsPage.qml" line="23"/>
        <source>One of these words does not match. Look at your paper again, or go back to see the words.</source>
        <translation>Eines dieser Wörter stimmt nicht. Schauen Sie noch einmal auf Ihr Papier oder gehen Sie zurück zu den Wörtern.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/CheckWordsPage.qml" line="32"/>
        <source>To be sure your copy is right, type these words from your paper.</source>
        <translation>Damit sicher ist, dass Ihre Abschrift stimmt, tippen Sie diese Wörter von Ihrem Papier ab.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/CheckWordsPage.qml" line="42"/>
        <source>Word #</source>
        <translation>Wort Nr. </translation>
    </message>
    <message>
        <location filename="../../ui/qml/CheckWordsPage.qml" line="54"/>
        <source>Continue</source>
        <translation>Weiter</translation>
    </message>
</context>
<context>
    <name>CreateWordsPage</name>
    <message>
        <location filename="../../ui/qml/CreateWordsPage.qml" line="11"/>
        <source>Your seed words</source>
        <translation>Ihre Wiederherstellungswörter</translation>
    </message>
    <message>
        <location filename="../../ui/qml/CreateWordsPage.qml" line="26"/>
        <source>Write these 12 words on paper, in this order, and keep it safe. They are how you get your money back if this device is lost. </source>
        <translation>Schreiben Sie diese 12 Wörter in dieser Reihenfolge auf Papier und bewahren Sie es sicher auf. Mit ihnen bekommen Sie Ihr Geld zurück, wenn dieses Gerät verloren geht. </translation>
    </message>
    <message>
        <location filename="../../ui/qml/CreateWordsPage.qml" line="26"/>
        <source> Never type them into a website or share them with anyone.</source>
        <translation> Geben Sie sie nie auf einer Website ein und zeigen Sie sie niemandem.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/CreateWordsPage.qml" line="66"/>
        <source>No passphrase</source>
        <translation>Keine Passphrase</translation>
    </message>
    <message>
        <location filename="../../ui/qml/CreateWordsPage.qml" line="66"/>
        <source>Add a passphrase (advanced)</source>
        <translation>Passphrase hinzufügen (für Fortgeschrittene)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/CreateWordsPage.qml" line="75"/>
        <source>A passphrase is an extra word of your own that the seed words need: without it they open a different, empty wallet. Write it down with the words: to restore this wallet you will need both, and nobody can recover a forgotten passphrase.</source>
        <translation>Eine Passphrase ist ein zusätzliches eigenes Wort, das die Wiederherstellungswörter brauchen: Ohne sie öffnen sie eine andere, leere Wallet. Schreiben Sie sie zu den Wörtern: Zum Wiederherstellen dieser Wallet brauchen Sie beides, und eine vergessene Passphrase kann niemand wiederherstellen.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/CreateWordsPage.qml" line="84"/>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../../ui/qml/CreateWordsPage.qml" line="92"/>
        <source>Passphrase again</source>
        <translation>Passphrase wiederholen</translation>
    </message>
    <message>
        <location filename="../../ui/qml/CreateWordsPage.qml" line="108"/>
        <source>I have written them down</source>
        <translation>Ich habe sie aufgeschrieben</translation>
    </message>
</context>
<context>
    <name>Demo</name>
    <message>
        <location filename="../../ui/models/demo.py" line="19"/>
        <source>Kite demo shop: one coffee</source>
        <translation>Kite-Demoladen: ein Kaffee</translation>
    </message>
    <message>
        <location filename="../../ui/models/demo.py" line="24"/>
        <source>Starting the devnet: chain, Electrum server, trampoline and shop…</source>
        <translation>Das Devnet startet: Chain, Electrum-Server, Trampolin und Laden…</translation>
    </message>
    <message>
        <location filename="../../ui/models/demo.py" line="25"/>
        <source>Creating the demo wallet…</source>
        <translation>Die Demo-Wallet wird erstellt…</translation>
    </message>
    <message>
        <location filename="../../ui/models/demo.py" line="26"/>
        <source>The devnet pays the demo wallet…</source>
        <translation>Das Devnet bezahlt die Demo-Wallet…</translation>
    </message>
    <message>
        <location filename="../../ui/models/demo.py" line="27"/>
        <source>Opening a channel to the trampoline…</source>
        <translation>Ein Kanal zum Trampolin wird geöffnet…</translation>
    </message>
    <message>
        <location filename="../../ui/models/demo.py" line="110"/>
        <source>When your demo channel to Tram (the demo&apos;s trampoline) opened, %1 sat of your demo coins were given to Tram&apos;s side of it. A new channel holds all its coins on the opener&apos;s side; with these, Tram can forward the shop&apos;s payments to you at once. They are Tram&apos;s now, which is why your balance is lower.</source>
        <translation>Als sich Ihr Demo-Kanal zu Tram (dem Trampolin der Demo) öffnete, gingen %1 sat Ihrer Demo-Coins auf Trams Seite. Ein neuer Kanal hält alle Coins auf der Seite dessen, der ihn öffnet; mit diesen kann Tram die Zahlungen des Ladens sofort an Sie weiterleiten. Sie gehören jetzt Tram, deshalb ist Ihr Guthaben niedriger.</translation>
    </message>
    <message>
        <location filename="../../ui/models/demo.py" line="133"/>
        <source>The demo network could not start: %1</source>
        <translation>Das Demo-Netzwerk konnte nicht starten: %1</translation>
    </message>
    <message>
        <location filename="../../ui/models/demo.py" line="206"/>
        <source>Asking the demo shop for an invoice…</source>
        <translation>Der Demoladen wird um eine Rechnung gebeten…</translation>
    </message>
    <message>
        <location filename="../../ui/models/demo.py" line="223"/>
        <source>The demo shop is paying…</source>
        <translation>Der Demoladen zahlt…</translation>
    </message>
</context>
<context>
    <name>DemoStartPage</name>
    <message>
        <location filename="../../ui/qml/DemoStartPage.qml" line="16"/>
        <source>Kite demo</source>
        <translation>Kite-Demo</translation>
    </message>
    <message>
        <location filename="../../ui/qml/DemoStartPage.qml" line="22"/>
        <source>A private Bitcoin network on this computer, with a Lightning trampoline and a shop to pay. Nothing here is real money.</source>
        <translation>Ein privates Bitcoin-Netz auf diesem Computer, mit einem Lightning-Trampolin und einem Laden zum Bezahlen. Nichts davon ist echtes Geld.</translation>
    </message>
</context>
<context>
    <name>ErrorBox</name>
    <message>
        <location filename="../../ui/qml/ErrorBox.qml" line="51"/>
        <source>Hide details</source>
        <translation>Details ausblenden</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ErrorBox.qml" line="51"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../ui/models/bridge.py" line="26"/>
        <source>Something went wrong. Please try again.</source>
        <translation>Etwas ist schiefgegangen. Bitte versuchen Sie es noch einmal.</translation>
    </message>
    <message>
        <location filename="../../ui/models/plain_errors.py" line="76"/>
        <source>Something went wrong.</source>
        <translation>Etwas ist schiefgegangen.</translation>
    </message>
</context>
<context>
    <name>ExportPage</name>
    <message>
        <location filename="../../ui/qml/ExportPage.qml" line="12"/>
        <source>Export history</source>
        <translation>Verlauf exportieren</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ExportPage.qml" line="18"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ExportPage.qml" line="18"/>
        <source>JSON files (*.json)</source>
        <translation>JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ExportPage.qml" line="34"/>
        <source>Every payment, on-chain and Lightning: date, direction, amount and fee in sat (exact), kind, status, description, your note, the transaction id or payment hash, and the value in your currency at the time, when Kite saw a rate within an hour of it.</source>
        <translation>Jede Zahlung, On-Chain und Lightning: Datum, Richtung, Betrag und Gebühr in sat (genau), Art, Status, Beschreibung, Ihre Notiz, die Transaktions-ID oder der Zahlungs-Hash und der Wert in Ihrer Währung zu jener Zeit, wenn Kite innerhalb einer Stunde davon einen Kurs gesehen hat.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ExportPage.qml" line="44"/>
        <source>CSV, for a spreadsheet</source>
        <translation>CSV, für eine Tabellenkalkulation</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ExportPage.qml" line="51"/>
        <source>JSON, for programs</source>
        <translation>JSON, für Programme</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ExportPage.qml" line="55"/>
        <source>Save to</source>
        <translation>Speichern unter</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ExportPage.qml" line="68"/>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ExportPage.qml" line="74"/>
        <source>Saving…</source>
        <translation>Speichern…</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ExportPage.qml" line="74"/>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
</context>
<context>
    <name>FeeLevels</name>
    <message>
        <location filename="../../ui/models/fee_choice.py" line="26"/>
        <source>Type a fee rate in sat/vB, like 12 or 3.5.</source>
        <translation>Geben Sie einen Gebührensatz in sat/vB ein, etwa 12 oder 3,5.</translation>
    </message>
    <message>
        <location filename="../../ui/models/fee_choice.py" line="28"/>
        <source>A fee rate is between %1 and %2 sat/vB.</source>
        <translation>Ein Gebührensatz liegt zwischen %1 und %2 sat/vB.</translation>
    </message>
    <message>
        <location filename="../../ui/models/fee_choice.py" line="36"/>
        <source>~%1 min</source>
        <translation>~%1 Min.</translation>
    </message>
    <message>
        <location filename="../../ui/models/fee_choice.py" line="37"/>
        <source>~%1 h</source>
        <translation>~%1 Std.</translation>
    </message>
    <message>
        <location filename="../../ui/models/fee_choice.py" line="89"/>
        <source>Slow</source>
        <translation>Langsam</translation>
    </message>
    <message>
        <location filename="../../ui/models/fee_choice.py" line="90"/>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <location filename="../../ui/models/fee_choice.py" line="91"/>
        <source>Fast</source>
        <translation>Schnell</translation>
    </message>
</context>
<context>
    <name>FiatAmountField</name>
    <message>
        <location filename="../../ui/qml/FiatAmountField.qml" line="18"/>
        <source>or in %1</source>
        <translation>oder in %1</translation>
    </message>
    <message>
        <location filename="../../ui/qml/FiatAmountField.qml" line="32"/>
        <source>%1 at %2. The amount in sat above is what counts.</source>
        <translation>%1 bei %2. Es zählt der Betrag in sat oben.</translation>
    </message>
</context>
<context>
    <name>FiatAsk</name>
    <message>
        <location filename="../../ui/qml/FiatAsk.qml" line="20"/>
        <source>Show amounts in your currency too? Kite then asks %1 for the exchange rate now and then (it learns nothing about your wallet).</source>
        <translation>Beträge auch in Ihrer Währung zeigen? Kite fragt dann ab und zu %1 nach dem Wechselkurs (dabei wird nichts über Ihre Wallet bekannt).</translation>
    </message>
    <message>
        <location filename="../../ui/qml/FiatAsk.qml" line="37"/>
        <source>No thanks</source>
        <translation>Nein danke</translation>
    </message>
    <message>
        <location filename="../../ui/qml/FiatAsk.qml" line="43"/>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
</context>
<context>
    <name>FiatModel</name>
    <message>
        <location filename="../../ui/models/fiat.py" line="139"/>
        <source>(old rate)</source>
        <translation>(alter Kurs)</translation>
    </message>
    <message>
        <location filename="../../ui/models/fiat.py" line="157"/>
        <source>No exchange rate yet: type the amount in sat.</source>
        <translation>Noch kein Wechselkurs: Geben Sie den Betrag in sat ein.</translation>
    </message>
    <message>
        <location filename="../../ui/models/fiat.py" line="181"/>
        <source>1 BTC = %1 at %2</source>
        <translation>1 BTC = %1 um %2</translation>
    </message>
    <message>
        <location filename="../../ui/models/fiat.py" line="183"/>
        <source>old rate</source>
        <translation>alter Kurs</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <location filename="../../ui/models/history.py" line="26"/>
        <source>Received through your reusable offer</source>
        <translation>Über Ihr wiederverwendbares Angebot empfangen</translation>
    </message>
    <message>
        <location filename="../../ui/models/history.py" line="30"/>
        <source>Channel opened</source>
        <translation>Kanal geöffnet</translation>
    </message>
    <message>
        <location filename="../../ui/models/history.py" line="31"/>
        <source>Channel closed</source>
        <translation>Kanal geschlossen</translation>
    </message>
    <message>
        <location filename="../../ui/models/history.py" line="39"/>
        <source>Complete</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <location filename="../../ui/models/history.py" line="40"/>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <location filename="../../ui/models/history.py" line="41"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../../ui/models/history.py" line="42"/>
        <source>Lost</source>
        <translation>Verloren</translation>
    </message>
    <message>
        <location filename="../../ui/models/history.py" line="43"/>
        <source>Confirmed</source>
        <translation>Bestätigt</translation>
    </message>
</context>
<context>
    <name>HistoryTools</name>
    <message>
        <location filename="../../ui/models/history_tools.py" line="75"/>
        <source>Choose where to save the file.</source>
        <translation>Wählen Sie, wo die Datei gespeichert werden soll.</translation>
    </message>
    <message>
        <location filename="../../ui/models/history_tools.py" line="90"/>
        <source>Saved 1 payment to %1</source>
        <translation>1 Zahlung gespeichert in %1</translation>
    </message>
    <message>
        <location filename="../../ui/models/history_tools.py" line="91"/>
        <source>Saved %2 payments to %1</source>
        <translation>%2 Zahlungen gespeichert in %1</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../ui/qml/HomePage.qml" line="18"/>
        <source>%1 on its way back (less the network fee)</source>
        <translation>%1 auf dem Rückweg (abzüglich der Netzwerkgebühr)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/HomePage.qml" line="20"/>
        <source>the funds are back on-chain</source>
        <translation>das Guthaben ist zurück on-chain</translation>
    </message>
    <message>
        <location filename="../../ui/qml/HomePage.qml" line="22"/>
        <source>, confirms around block %1</source>
        <translation>, bestätigt etwa in Block %1</translation>
    </message>
    <message>
        <location filename="../../ui/qml/HomePage.qml" line="24"/>
        <source>waiting for 1 peer to close</source>
        <translation>warte darauf, dass 1 Gegenseite schließt</translation>
    </message>
    <message>
        <location filename="../../ui/qml/HomePage.qml" line="24"/>
        <source>waiting for the peer to close</source>
        <translation>warte darauf, dass die Gegenseite schließt</translation>
    </message>
    <message>
        <location filename="../../ui/qml/HomePage.qml" line="26"/>
        <source>waiting for %1 peers to close</source>
        <translation>warte darauf, dass %1 Gegenseiten schließen</translation>
    </message>
    <message>
        <location filename="../../ui/qml/HomePage.qml" line="27"/>
        <source>Recovering 1 channel</source>
        <translation>1 Kanal wird wiederhergestellt</translation>
    </message>
    <message>
        <location filename="../../ui/qml/HomePage.qml" line="27"/>
        <source>Recovering %1 channels</source>
        <translation>%1 Kanäle werden wiederhergestellt</translation>
    </message>
    <message>
        <location filename="../../ui/qml/HomePage.qml" line="41"/>
        <source>Kite</source>
        <translation>Kite</translation>
    </message>
    <message>
        <location filename="../../ui/qml/HomePage.qml" line="50"/>
        <source>Channels</source>
        <translation>Kanäle</translation>
    </message>
    <message>
        <location filename="../../ui/qml/HomePage.qml" line="83"/>
        <source>Balance</source>
        <translation>Guthaben</translation>
    </message>
    <message>
        <location filename="../../ui/qml/HomePage.qml" line="86"/>
        <source>Tap the amount for BTC</source>
        <translation>Betrag antippen für BTC</translation>
    </message>
    <message>
        <location filename="../../ui/qml/HomePage.qml" line="86"/>
        <source>Tap the amount for sat</source>
        <translation>Betrag antippen für sat</translation>
    </message>
    <message>
        <location filename="../../ui/qml/HomePage.qml" line="94"/>
        <source>Not synced yet</source>
        <translation>Noch nicht synchronisiert</translation>
    </message>
    <message>
        <location filename="../../ui/qml/HomePage.qml" line="112"/>
        <source>Last known: </source>
        <translation>Zuletzt bekannt: </translation>
    </message>
    <message>
        <location filename="../../ui/qml/HomePage.qml" line="119"/>
        <source> yours, pending</source>
        <translation> gehören Ihnen, ausstehend</translation>
    </message>
    <message>
        <location filename="../../ui/qml/HomePage.qml" line="150"/>
        <source>Lightning </source>
        <translation>Lightning </translation>
    </message>
    <message>
        <location filename="../../ui/qml/HomePage.qml" line="157"/>
        <source>On-chain </source>
        <translation>On-Chain </translation>
    </message>
    <message>
        <location filename="../../ui/qml/HomePage.qml" line="182"/>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location filename="../../ui/qml/HomePage.qml" line="192"/>
        <source>Attached to the Kite daemon running this wallet: it keeps running when this window closes.</source>
        <translation>Verbunden mit dem Kite-Daemon, der diese Wallet betreibt: Er läuft weiter, wenn dieses Fenster geschlossen wird.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/HomePage.qml" line="205"/>
        <source>No server is set up: add one in Servers.</source>
        <translation>Kein Server eingerichtet: Fügen Sie unter Server einen hinzu.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/HomePage.qml" line="206"/>
        <source>No server tried yet.</source>
        <translation>Noch kein Server versucht.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/HomePage.qml" line="214"/>
        <source>Servers</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../../ui/qml/HomePage.qml" line="262"/>
        <source>Demo: a shop runs on this network. Send → “Demo: pay the shop” buys a coffee over Lightning; Receive → “Demo: have the shop pay this” pays you. A block is mined every </source>
        <translation>Demo: In diesem Netz läuft ein Laden. Senden → „Demo: den Laden bezahlen“ kauft einen Kaffee über Lightning; Empfangen → „Demo: vom Laden bezahlen lassen“ zahlt Ihnen etwas. Ein Block wird alle </translation>
    </message>
    <message>
        <location filename="../../ui/qml/HomePage.qml" line="262"/>
        <source> s (or tap “Mine a block” above), so sends and channel closes finish.</source>
        <translation> s erzeugt (oder tippen Sie oben auf „Block erzeugen“), damit Überweisungen und Kanalschließungen abgeschlossen werden.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/HomePage.qml" line="306"/>
        <source>Receive</source>
        <translation>Empfangen</translation>
    </message>
    <message>
        <location filename="../../ui/qml/HomePage.qml" line="315"/>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <location filename="../../ui/qml/HomePage.qml" line="325"/>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location filename="../../ui/qml/HomePage.qml" line="367"/>
        <source>Not sent</source>
        <translation>Nicht gesendet</translation>
    </message>
    <message>
        <location filename="../../ui/qml/HomePage.qml" line="367"/>
        <source>Received</source>
        <translation>Empfangen</translation>
    </message>
    <message>
        <location filename="../../ui/qml/HomePage.qml" line="367"/>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <location filename="../../ui/qml/HomePage.qml" line="426"/>
        <source>No payments yet</source>
        <translation>Noch keine Zahlungen</translation>
    </message>
    <message>
        <location filename="../../ui/qml/HomePage.qml" line="432"/>
        <source>Payments you send and receive will show up here.</source>
        <translation>Gesendete und empfangene Zahlungen erscheinen hier.</translation>
    </message>
</context>
<context>
    <name>Links</name>
    <message>
        <location filename="../../ui/models/links.py" line="48"/>
        <source>Open your wallet to pay this link.</source>
        <translation>Öffnen Sie Ihre Wallet, um diesen Link zu bezahlen.</translation>
    </message>
    <message>
        <location filename="../../ui/models/links.py" line="65"/>
        <source>A payment is already on screen: finish or cancel it, then open the link again.</source>
        <translation>Eine Zahlung ist bereits offen: Schließen Sie sie ab oder brechen Sie sie ab, und öffnen Sie den Link dann noch einmal.</translation>
    </message>
</context>
<context>
    <name>Lnurl</name>
    <message>
        <location filename="../../ui/models/lnurl.py" line="25"/>
        <source>That is not an amount.</source>
        <translation>Das ist kein Betrag.</translation>
    </message>
    <message>
        <location filename="../../ui/models/lnurl.py" line="27"/>
        <source>create an account</source>
        <translation>ein Konto anlegen</translation>
    </message>
    <message>
        <location filename="../../ui/models/lnurl.py" line="28"/>
        <source>log in</source>
        <translation>sich anmelden</translation>
    </message>
    <message>
        <location filename="../../ui/models/lnurl.py" line="29"/>
        <source>link this wallet&apos;s key to your account</source>
        <translation>den Schlüssel dieser Wallet mit Ihrem Konto verknüpfen</translation>
    </message>
    <message>
        <location filename="../../ui/models/lnurl.py" line="30"/>
        <source>approve an action</source>
        <translation>eine Aktion bestätigen</translation>
    </message>
    <message>
        <location filename="../../ui/models/lnurl.py" line="124"/>
        <source>Choose between %1 and %2.</source>
        <translation>Wählen Sie zwischen %1 und %2.</translation>
    </message>
    <message>
        <location filename="../../ui/models/lnurl.py" line="129"/>
        <source>Your channels can receive about %1 now.</source>
        <translation>Ihre Kanäle können jetzt etwa %1 empfangen.</translation>
    </message>
    <message>
        <location filename="../../ui/models/lnurl.py" line="163"/>
        <source>Paid %1</source>
        <translation>%1 bezahlt</translation>
    </message>
    <message>
        <location filename="../../ui/models/lnurl.py" line="174"/>
        <source>Received %1</source>
        <translation>%1 empfangen</translation>
    </message>
    <message>
        <location filename="../../ui/models/lnurl.py" line="177"/>
        <source>Waiting for the service</source>
        <translation>Warten auf den Dienst</translation>
    </message>
    <message>
        <location filename="../../ui/models/lnurl.py" line="178"/>
        <source>%1 accepted the invoice for %2 but has not paid it yet. It stays valid for 10 minutes.</source>
        <translation>%1 hat die Rechnung über %2 angenommen, aber noch nicht bezahlt. Sie bleibt 10 Minuten gültig.</translation>
    </message>
    <message>
        <location filename="../../ui/models/lnurl.py" line="182"/>
        <source>Signed</source>
        <translation>Signiert</translation>
    </message>
    <message>
        <location filename="../../ui/models/lnurl.py" line="183"/>
        <source>You chose to %1 at %2.</source>
        <translation>Ihre Wahl bei %2: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/models/lnurl.py" line="294"/>
        <source>Withdraw %1</source>
        <translation>%1 abheben</translation>
    </message>
    <message>
        <location filename="../../ui/models/lnurl.py" line="295"/>
        <source>Withdraw</source>
        <translation>Abheben</translation>
    </message>
    <message>
        <location filename="../../ui/models/lnurl.py" line="296"/>
        <source>Pay %1</source>
        <translation>%1 bezahlen</translation>
    </message>
    <message>
        <location filename="../../ui/models/lnurl.py" line="297"/>
        <source>Pay</source>
        <translation>Bezahlen</translation>
    </message>
</context>
<context>
    <name>LnurlPage</name>
    <message>
        <location filename="../../ui/qml/LnurlPage.qml" line="13"/>
        <source>Pay</source>
        <translation>Bezahlen</translation>
    </message>
    <message>
        <location filename="../../ui/qml/LnurlPage.qml" line="13"/>
        <source>Withdraw</source>
        <translation>Abheben</translation>
    </message>
    <message>
        <location filename="../../ui/qml/LnurlPage.qml" line="14"/>
        <source>Log in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <location filename="../../ui/qml/LnurlPage.qml" line="14"/>
        <source>Withdraw from a code</source>
        <translation>Mit einem Code abheben</translation>
    </message>
    <message>
        <location filename="../../ui/qml/LnurlPage.qml" line="15"/>
        <source>LNURL</source>
        <translation>LNURL</translation>
    </message>
    <message>
        <location filename="../../ui/qml/LnurlPage.qml" line="47"/>
        <source>Paste an LNURL code or a Lightning address.</source>
        <translation>Fügen Sie einen LNURL-Code oder eine Lightning-Adresse ein.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/LnurlPage.qml" line="56"/>
        <source>LNURL…</source>
        <translation>LNURL…</translation>
    </message>
    <message>
        <location filename="../../ui/qml/LnurlPage.qml" line="64"/>
        <source>Continue</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <location filename="../../ui/qml/LnurlPage.qml" line="78"/>
        <source>Asking the service…</source>
        <translation>Der Dienst wird gefragt…</translation>
    </message>
    <message>
        <location filename="../../ui/qml/LnurlPage.qml" line="79"/>
        <source>Working…</source>
        <translation>In Arbeit…</translation>
    </message>
    <message>
        <location filename="../../ui/qml/LnurlPage.qml" line="103"/>
        <source>To</source>
        <translation>An</translation>
    </message>
    <message>
        <location filename="../../ui/qml/LnurlPage.qml" line="103"/>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <location filename="../../ui/qml/LnurlPage.qml" line="103"/>
        <source>Site</source>
        <translation>Website</translation>
    </message>
    <message>
        <location filename="../../ui/qml/LnurlPage.qml" line="106"/>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location filename="../../ui/qml/LnurlPage.qml" line="107"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../ui/qml/LnurlPage.qml" line="110"/>
        <source>Offered</source>
        <translation>Angeboten</translation>
    </message>
    <message>
        <location filename="../../ui/qml/LnurlPage.qml" line="110"/>
        <source>Accepted amounts</source>
        <translation>Angenommene Beträge</translation>
    </message>
    <message>
        <location filename="../../ui/qml/LnurlPage.qml" line="112"/>
        <source> to </source>
        <translation> bis </translation>
    </message>
    <message>
        <location filename="../../ui/qml/LnurlPage.qml" line="115"/>
        <source>Your channels can receive about</source>
        <translation>Ihre Kanäle können etwa empfangen</translation>
    </message>
    <message>
        <location filename="../../ui/qml/LnurlPage.qml" line="120"/>
        <source>It asks you to</source>
        <translation>Sie werden gebeten:</translation>
    </message>
    <message>
        <location filename="../../ui/qml/LnurlPage.qml" line="123"/>
        <source>Your key for this site</source>
        <translation>Ihr Schlüssel für diese Website</translation>
    </message>
    <message>
        <location filename="../../ui/qml/LnurlPage.qml" line="132"/>
        <source>Amount in </source>
        <translation>Betrag in </translation>
    </message>
    <message>
        <location filename="../../ui/qml/LnurlPage.qml" line="143"/>
        <source>Comment for the recipient (optional)</source>
        <translation>Kommentar für den Empfänger (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/LnurlPage.qml" line="150"/>
        <source>Routing fee: at most </source>
        <translation>Weiterleitungsgebühr: höchstens </translation>
    </message>
    <message>
        <location filename="../../ui/qml/LnurlPage.qml" line="156"/>
        <source>Nothing is paid. Kite signs the site&apos;s challenge with a key made for this site only.</source>
        <translation>Es wird nichts bezahlt. Kite signiert die Anfrage der Website mit einem Schlüssel nur für diese Website.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/LnurlPage.qml" line="188"/>
        <source>Link from the service</source>
        <translation>Link vom Dienst</translation>
    </message>
    <message>
        <location filename="../../ui/qml/LnurlPage.qml" line="198"/>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../../ui/qml/Main.qml" line="15"/>
        <source>Kite</source>
        <translation>Kite</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Main.qml" line="15"/>
        <source>Kite (</source>
        <translation>Kite (</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Main.qml" line="43"/>
        <source>Demo network: not real money</source>
        <translation>Demo-Netz: kein echtes Geld</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Main.qml" line="43"/>
        <source> network: not real money</source>
        <translation>-Netz: kein echtes Geld</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Main.qml" line="57"/>
        <source>Mining…</source>
        <translation>Wird erzeugt…</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Main.qml" line="57"/>
        <source>Mine a block</source>
        <translation>Block erzeugen</translation>
    </message>
</context>
<context>
    <name>NoteEditor</name>
    <message>
        <location filename="../../ui/qml/NoteEditor.qml" line="14"/>
        <source>Your note</source>
        <translation>Ihre Notiz</translation>
    </message>
    <message>
        <location filename="../../ui/qml/NoteEditor.qml" line="21"/>
        <source>e.g. rent for May (only you see it)</source>
        <translation>z. B. Miete für Mai (nur Sie sehen sie)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/NoteEditor.qml" line="30"/>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
</context>
<context>
    <name>Onboarding</name>
    <message>
        <location filename="../../ui/models/onboarding.py" line="98"/>
        <source>The two passphrases differ.</source>
        <translation>Die beiden Passphrasen sind verschieden.</translation>
    </message>
    <message>
        <location filename="../../ui/models/onboarding.py" line="100"/>
        <source>The passphrase starts or ends with a space: easy to forget, so not allowed.</source>
        <translation>Die Passphrase beginnt oder endet mit einem Leerzeichen: leicht zu vergessen, daher nicht erlaubt.</translation>
    </message>
    <message>
        <location filename="../../ui/models/onboarding.py" line="103"/>
        <source>The passphrase is at most %1 characters long.</source>
        <translation>Die Passphrase ist höchstens %1 Zeichen lang.</translation>
    </message>
    <message>
        <location filename="../../ui/models/onboarding.py" line="134"/>
        <source>All %1 words are valid.</source>
        <translation>Alle %1 Wörter sind gültig.</translation>
    </message>
    <message>
        <location filename="../../ui/models/onboarding.py" line="137"/>
        <source>Word %1…</source>
        <translation>Wort %1…</translation>
    </message>
    <message>
        <location filename="../../ui/models/onboarding.py" line="139"/>
        <source>Word %1, “%2”, is not a seed word.</source>
        <translation>Wort %1, „%2“, ist kein Wiederherstellungswort.</translation>
    </message>
    <message>
        <location filename="../../ui/models/onboarding.py" line="142"/>
        <source>Did you mean %1?</source>
        <translation>Meinten Sie %1?</translation>
    </message>
    <message>
        <location filename="../../ui/models/onboarding.py" line="147"/>
        <source>%1 of 12 words</source>
        <translation>%1 von 12 Wörtern</translation>
    </message>
    <message>
        <location filename="../../ui/models/onboarding.py" line="149"/>
        <source>That is too many words: a seed has 12, 15, 18, 21 or 24 words.</source>
        <translation>Das sind zu viele Wörter: Eine Wiederherstellungsphrase hat 12, 15, 18, 21 oder 24 Wörter.</translation>
    </message>
    <message>
        <location filename="../../ui/models/onboarding.py" line="151"/>
        <source>%1 words: a seed has 12, 15, 18, 21 or 24 words.</source>
        <translation>%1 Wörter: Eine Wiederherstellungsphrase hat 12, 15, 18, 21 oder 24 Wörter.</translation>
    </message>
    <message>
        <location filename="../../ui/models/onboarding.py" line="153"/>
        <source>Every word is valid, but together they are not a correct seed: a word is probably wrong or in the wrong place.</source>
        <translation>Jedes Wort ist gültig, aber zusammen ergeben sie keine korrekte Wiederherstellungsphrase: Wahrscheinlich ist ein Wort falsch oder an der falschen Stelle.</translation>
    </message>
    <message>
        <location filename="../../ui/models/onboarding.py" line="202"/>
        <source>Use at least %1 characters.</source>
        <translation>Verwenden Sie mindestens %1 Zeichen.</translation>
    </message>
    <message>
        <location filename="../../ui/models/onboarding.py" line="204"/>
        <source>The two passwords are different.</source>
        <translation>Die beiden Passwörter sind verschieden.</translation>
    </message>
    <message>
        <location filename="../../ui/models/onboarding.py" line="243"/>
        <source>These seed words are not valid.</source>
        <translation>Diese Wiederherstellungswörter sind nicht gültig.</translation>
    </message>
    <message>
        <location filename="../../ui/models/onboarding.py" line="283"/>
        <source>%1 or %2</source>
        <translation>%1 oder %2</translation>
    </message>
</context>
<context>
    <name>OnchainFeeChoice</name>
    <message>
        <location filename="../../ui/qml/OnchainFeeChoice.qml" line="14"/>
        <source>Speed</source>
        <translation>Geschwindigkeit</translation>
    </message>
    <message>
        <location filename="../../ui/qml/OnchainFeeChoice.qml" line="44"/>
        <source>Custom</source>
        <translation>Eigene</translation>
    </message>
    <message>
        <location filename="../../ui/qml/OnchainFeeChoice.qml" line="67"/>
        <source>Fee rate</source>
        <translation>Gebührensatz</translation>
    </message>
    <message>
        <location filename="../../ui/qml/OnchainFeeChoice.qml" line="73"/>
        <source>sat/vB</source>
        <translation>sat/vB</translation>
    </message>
</context>
<context>
    <name>OpenChannelPage</name>
    <message>
        <location filename="../../ui/qml/OpenChannelPage.qml" line="10"/>
        <source>Open a channel</source>
        <translation>Kanal öffnen</translation>
    </message>
    <message>
        <location filename="../../ui/qml/OpenChannelPage.qml" line="28"/>
        <source>The channel is funded from your on-chain balance (</source>
        <translation>Der Kanal wird aus Ihrem On-Chain-Guthaben finanziert (</translation>
    </message>
    <message>
        <location filename="../../ui/qml/OpenChannelPage.qml" line="28"/>
        <source>). Its coins are then yours to spend over Lightning.</source>
        <translation>). Seine Coins können Sie dann über Lightning ausgeben.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/OpenChannelPage.qml" line="33"/>
        <source>Peer</source>
        <translation>Gegenseite</translation>
    </message>
    <message>
        <location filename="../../ui/qml/OpenChannelPage.qml" line="38"/>
        <source>NODEID@HOST:PORT</source>
        <translation>KNOTEN-ID@HOST:PORT</translation>
    </message>
    <message>
        <location filename="../../ui/qml/OpenChannelPage.qml" line="47"/>
        <source>The network&apos;s trampoline: it finds routes for your payments.</source>
        <translation>Das Trampolin des Netzes: Es findet Wege für Ihre Zahlungen.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/OpenChannelPage.qml" line="53"/>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <location filename="../../ui/qml/OpenChannelPage.qml" line="57"/>
        <source>Amount in </source>
        <translation>Betrag in </translation>
    </message>
    <message>
        <location filename="../../ui/qml/OpenChannelPage.qml" line="63"/>
        <source>Network fee (funding transaction)</source>
        <translation>Netzwerkgebühr (Finanzierungstransaktion)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/OpenChannelPage.qml" line="67"/>
        <source>Opening…</source>
        <translation>Wird geöffnet…</translation>
    </message>
    <message>
        <location filename="../../ui/qml/OpenChannelPage.qml" line="67"/>
        <source>Open channel</source>
        <translation>Kanal öffnen</translation>
    </message>
</context>
<context>
    <name>PasswordPage</name>
    <message>
        <location filename="../../ui/qml/PasswordPage.qml" line="12"/>
        <source>Choose a password</source>
        <translation>Passwort wählen</translation>
    </message>
    <message>
        <location filename="../../ui/qml/PasswordPage.qml" line="25"/>
        <source>The password unlocks Kite on this device. It cannot recover your wallet: your seed words do that.</source>
        <translation>Das Passwort entsperrt Kite auf diesem Gerät. Es kann Ihre Wallet nicht wiederherstellen: Das tun Ihre Wiederherstellungswörter.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/PasswordPage.qml" line="33"/>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <location filename="../../ui/qml/PasswordPage.qml" line="42"/>
        <source>Password again</source>
        <translation>Passwort wiederholen</translation>
    </message>
    <message>
        <location filename="../../ui/qml/PasswordPage.qml" line="62"/>
        <source>Creating your wallet…</source>
        <translation>Ihre Wallet wird erstellt…</translation>
    </message>
    <message>
        <location filename="../../ui/qml/PasswordPage.qml" line="62"/>
        <source>Opening your wallet…</source>
        <translation>Ihre Wallet wird geöffnet…</translation>
    </message>
    <message>
        <location filename="../../ui/qml/PasswordPage.qml" line="66"/>
        <source>Restore wallet</source>
        <translation>Wallet wiederherstellen</translation>
    </message>
    <message>
        <location filename="../../ui/qml/PasswordPage.qml" line="66"/>
        <source>Create wallet</source>
        <translation>Wallet erstellen</translation>
    </message>
</context>
<context>
    <name>PaymentDetailPage</name>
    <message>
        <location filename="../../ui/qml/PaymentDetailPage.qml" line="12"/>
        <source>Payment</source>
        <translation>Zahlung</translation>
    </message>
    <message>
        <location filename="../../ui/qml/PaymentDetailPage.qml" line="24"/>
        <source>%1 (on-chain)</source>
        <translation>%1 (on-chain)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/PaymentDetailPage.qml" line="25"/>
        <source>Not sent</source>
        <translation>Nicht gesendet</translation>
    </message>
    <message>
        <location filename="../../ui/qml/PaymentDetailPage.qml" line="25"/>
        <source>Received</source>
        <translation>Empfangen</translation>
    </message>
    <message>
        <location filename="../../ui/qml/PaymentDetailPage.qml" line="25"/>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <location filename="../../ui/qml/PaymentDetailPage.qml" line="26"/>
        <source> over Lightning</source>
        <translation> über Lightning</translation>
    </message>
    <message>
        <location filename="../../ui/qml/PaymentDetailPage.qml" line="26"/>
        <source> on-chain</source>
        <translation> On-Chain</translation>
    </message>
    <message>
        <location filename="../../ui/qml/PaymentDetailPage.qml" line="37"/>
        <source>%1 at today&apos;s rate</source>
        <translation>%1 zum heutigen Kurs</translation>
    </message>
    <message>
        <location filename="../../ui/qml/PaymentDetailPage.qml" line="40"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/qml/PaymentDetailPage.qml" line="42"/>
        <source>Pending: waiting for the first confirmation</source>
        <translation>Ausstehend: wartet auf die erste Bestätigung</translation>
    </message>
    <message>
        <location filename="../../ui/qml/PaymentDetailPage.qml" line="43"/>
        <source>Confirmed (%1 confirmations)</source>
        <translation>Bestätigt (%1 Bestätigungen)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/PaymentDetailPage.qml" line="45"/>
        <source>For</source>
        <translation>Für</translation>
    </message>
    <message>
        <location filename="../../ui/qml/PaymentDetailPage.qml" line="46"/>
        <source>Payer&apos;s note</source>
        <translation>Notiz des Zahlers</translation>
    </message>
    <message>
        <location filename="../../ui/qml/PaymentDetailPage.qml" line="52"/>
        <source>Why it failed</source>
        <translation>Warum es fehlschlug</translation>
    </message>
    <message>
        <location filename="../../ui/qml/PaymentDetailPage.qml" line="53"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../ui/qml/PaymentDetailPage.qml" line="61"/>
        <source>Lightning fee</source>
        <translation>Lightning-Gebühr</translation>
    </message>
    <message>
        <location filename="../../ui/qml/PaymentDetailPage.qml" line="61"/>
        <source>Network fee</source>
        <translation>Netzwerkgebühr</translation>
    </message>
    <message>
        <location filename="../../ui/qml/PaymentDetailPage.qml" line="62"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location filename="../../ui/qml/PaymentDetailPage.qml" line="63"/>
        <source>Block</source>
        <translation>Block</translation>
    </message>
    <message>
        <location filename="../../ui/qml/PaymentDetailPage.qml" line="64"/>
        <source>Transaction id</source>
        <translation>Transaktions-ID</translation>
    </message>
    <message>
        <location filename="../../ui/qml/PaymentDetailPage.qml" line="65"/>
        <source>Payment hash</source>
        <translation>Zahlungs-Hash</translation>
    </message>
    <message>
        <location filename="../../ui/qml/PaymentDetailPage.qml" line="66"/>
        <source>Preimage (proof of payment)</source>
        <translation>Preimage (Zahlungsnachweis)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/PaymentDetailPage.qml" line="67"/>
        <source>Invoice</source>
        <translation>Rechnung</translation>
    </message>
</context>
<context>
    <name>Receive</name>
    <message>
        <location filename="../../ui/models/receive.py" line="136"/>
        <source>This payment cannot be received over Lightning: a new channel from your LSP would cost %1, all of this amount. The on-chain part of the request still works.</source>
        <translation>Diese Zahlung kann nicht über Lightning empfangen werden: Ein neuer Kanal von Ihrem LSP würde %1 kosten, den ganzen Betrag. Der On-Chain-Teil der Anforderung funktioniert weiterhin.</translation>
    </message>
    <message>
        <location filename="../../ui/models/receive.py" line="157"/>
        <source>Lightning is left out of this request: your channels cannot receive anything now. Type an amount to see what a new channel from your LSP would cost.</source>
        <translation>Lightning fehlt in dieser Anforderung: Ihre Kanäle können jetzt nichts empfangen. Geben Sie einen Betrag ein, um zu sehen, was ein neuer Kanal von Ihrem LSP kosten würde.</translation>
    </message>
    <message>
        <location filename="../../ui/models/receive.py" line="184"/>
        <source>This payment cannot be received over Lightning: your channels can receive at most %1 now, less than this amount, and you chose no liquidity provider (LSP) in Settings, so no new channel is opened for it. To receive it, choose an LSP in Settings, or have it paid on-chain: the on-chain part of the request still works.</source>
        <translation>Diese Zahlung kann nicht über Lightning empfangen werden: Ihre Kanäle können jetzt höchstens %1 empfangen, weniger als dieser Betrag, und Sie haben in den Einstellungen keinen Liquiditätsanbieter (LSP) gewählt, daher wird dafür kein neuer Kanal geöffnet. Um sie zu empfangen, wählen Sie in den Einstellungen einen LSP oder lassen Sie sie On-Chain bezahlen: Der On-Chain-Teil der Anforderung funktioniert weiterhin.</translation>
    </message>
    <message>
        <location filename="../../ui/models/receive.py" line="191"/>
        <source>Lightning is left out of this request: your channels cannot receive anything now, and you chose no liquidity provider (LSP) in Settings, so no new channel is opened. Choose an LSP in Settings, or have it paid on-chain: the on-chain part of the request still works.</source>
        <translation>Lightning fehlt in dieser Anforderung: Ihre Kanäle können jetzt nichts empfangen, und Sie haben in den Einstellungen keinen Liquiditätsanbieter (LSP) gewählt, daher wird kein neuer Kanal geöffnet. Wählen Sie in den Einstellungen einen LSP oder lassen Sie On-Chain bezahlen: Der On-Chain-Teil der Anforderung funktioniert weiterhin.</translation>
    </message>
    <message>
        <location filename="../../ui/models/receive.py" line="201"/>
        <source>This payment cannot be received over Lightning: your channels can receive at most %1 now, and %2. The on-chain part of the request still works.</source>
        <translation>Diese Zahlung kann nicht über Lightning empfangen werden: Ihre Kanäle können jetzt höchstens %1 empfangen, und %2. Der On-Chain-Teil der Anforderung funktioniert weiterhin.</translation>
    </message>
    <message>
        <location filename="../../ui/models/receive.py" line="205"/>
        <source>This payment cannot be received over Lightning: your channels cannot receive anything now, and %1. The on-chain part of the request still works.</source>
        <translation>Diese Zahlung kann nicht über Lightning empfangen werden: Ihre Kanäle können jetzt nichts empfangen, und %1. Der On-Chain-Teil der Anforderung funktioniert weiterhin.</translation>
    </message>
    <message>
        <location filename="../../ui/models/receive.py" line="209"/>
        <source>This payment cannot be received over Lightning: your channels can receive at most %1 now, less than this amount, and no LSP is set up to open a new channel for it. The on-chain part of the request still works.</source>
        <translation>Diese Zahlung kann nicht über Lightning empfangen werden: Ihre Kanäle können jetzt höchstens %1 empfangen, weniger als dieser Betrag, und kein LSP ist eingerichtet, um dafür einen neuen Kanal zu öffnen. Der On-Chain-Teil der Anforderung funktioniert weiterhin.</translation>
    </message>
    <message>
        <location filename="../../ui/models/receive.py" line="213"/>
        <source>This payment cannot be received over Lightning: your channels cannot receive anything now, and no LSP is set up to open a new channel. The on-chain part of the request still works.</source>
        <translation>Diese Zahlung kann nicht über Lightning empfangen werden: Ihre Kanäle können jetzt nichts empfangen, und kein LSP ist eingerichtet, um einen neuen Kanal zu öffnen. Der On-Chain-Teil der Anforderung funktioniert weiterhin.</translation>
    </message>
    <message>
        <location filename="../../ui/models/receive.py" line="239"/>
        <source>The LSP&apos;s fee changed. Check the new figures and confirm again.</source>
        <translation>Die Gebühr des LSP hat sich geändert. Prüfen Sie die neuen Zahlen und bestätigen Sie noch einmal.</translation>
    </message>
    <message>
        <location filename="../../ui/models/receive.py" line="325"/>
        <source>Accepted without asking: your settings accept a channel fee up to %1.</source>
        <translation>Ohne Rückfrage angenommen: Ihre Einstellungen nehmen eine Kanalgebühr bis %1 an.</translation>
    </message>
    <message>
        <location filename="../../ui/models/receive.py" line="398"/>
        <source>Lightning needs a new channel for this amount: the invoice is made once you accept its cost.</source>
        <translation>Lightning braucht für diesen Betrag einen neuen Kanal: Die Rechnung wird erstellt, sobald Sie seine Kosten annehmen.</translation>
    </message>
    <message>
        <location filename="../../ui/models/receive.py" line="405"/>
        <source>Lightning is left out of this request: your channels cannot receive anything now. Open a channel (Channels, the lightning button on Home) to be paid over Lightning.</source>
        <translation>Lightning fehlt in dieser Anforderung: Ihre Kanäle können jetzt nichts empfangen. Öffnen Sie einen Kanal (Kanäle, die Blitz-Schaltfläche auf der Startseite), um über Lightning bezahlt zu werden.</translation>
    </message>
    <message>
        <location filename="../../ui/models/receive.py" line="409"/>
        <source>Lightning is left out of this request: your channels can receive at most %1 now, less than this amount.</source>
        <translation>Lightning fehlt in dieser Anforderung: Ihre Kanäle können jetzt höchstens %1 empfangen, weniger als dieser Betrag.</translation>
    </message>
    <message>
        <location filename="../../ui/models/receive.py" line="436"/>
        <source>Receiving needs the wallet to be connected.</source>
        <translation>Zum Empfangen muss die Wallet verbunden sein.</translation>
    </message>
    <message>
        <location filename="../../ui/models/receive.py" line="470"/>
        <source>That is not an amount.</source>
        <translation>Das ist kein Betrag.</translation>
    </message>
    <message>
        <location filename="../../ui/models/receive.py" line="539"/>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
    <message>
        <location filename="../../ui/models/receive.py" line="574"/>
        <source>Nothing was saved: choose a file name.</source>
        <translation>Nichts wurde gespeichert: Wählen Sie einen Dateinamen.</translation>
    </message>
    <message>
        <location filename="../../ui/models/receive.py" line="575"/>
        <source>Nothing was saved: there is no code to save yet.</source>
        <translation>Nichts wurde gespeichert: Es gibt noch keinen Code zum Speichern.</translation>
    </message>
    <message>
        <location filename="../../ui/models/receive.py" line="583"/>
        <source>The image could not be saved there (%1).</source>
        <translation>Das Bild konnte dort nicht gespeichert werden (%1).</translation>
    </message>
    <message>
        <location filename="../../ui/models/receive.py" line="589"/>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
</context>
<context>
    <name>ReceiveOffer</name>
    <message>
        <location filename="../../ui/models/receive_offer.py" line="47"/>
        <source>A reusable offer needs the wallet to be open.</source>
        <translation>Für ein wiederverwendbares Angebot muss die Wallet geöffnet sein.</translation>
    </message>
    <message>
        <location filename="../../ui/models/receive_offer.py" line="80"/>
        <source>The wallet&apos;s offer cannot be read: %1</source>
        <translation>Das Angebot der Wallet ist nicht lesbar: %1</translation>
    </message>
    <message>
        <location filename="../../ui/models/receive_offer.py" line="83"/>
        <source>The wallet did not give a BOLT 12 offer.</source>
        <translation>Die Wallet hat kein BOLT-12-Angebot geliefert.</translation>
    </message>
    <message>
        <location filename="../../ui/models/receive_offer.py" line="85"/>
        <source>The wallet gave an offer with an amount or an expiry, not a reusable one.</source>
        <translation>Die Wallet hat ein Angebot mit Betrag oder Ablaufzeit geliefert, kein wiederverwendbares.</translation>
    </message>
</context>
<context>
    <name>ReceivePage</name>
    <message>
        <location filename="../../ui/qml/ReceivePage.qml" line="20"/>
        <source>Receive</source>
        <translation>Empfangen</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ReceivePage.qml" line="59"/>
        <source>Received </source>
        <translation>Empfangen: </translation>
    </message>
    <message>
        <location filename="../../ui/qml/ReceivePage.qml" line="66"/>
        <source>Paid over Lightning: it is in your balance now.</source>
        <translation>Über Lightning bezahlt: Der Betrag ist jetzt in Ihrem Guthaben.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ReceivePage.qml" line="67"/>
        <source>It is on its way: it counts as confirmed after the next block.</source>
        <translation>Er ist unterwegs: Nach dem nächsten Block gilt er als bestätigt.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ReceivePage.qml" line="74"/>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ReceivePage.qml" line="86"/>
        <source>PNG image (*.png)</source>
        <translation>PNG-Bild (*.png)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ReceivePage.qml" line="105"/>
        <source>Any wallet</source>
        <translation>Jede Wallet</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ReceivePage.qml" line="106"/>
        <source>Lightning</source>
        <translation>Lightning</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ReceivePage.qml" line="107"/>
        <source>On-chain</source>
        <translation>On-Chain</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ReceivePage.qml" line="108"/>
        <source>Offer</source>
        <translation>Angebot</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ReceivePage.qml" line="126"/>
        <source>A new channel is needed</source>
        <translation>Ein neuer Kanal ist nötig</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ReceivePage.qml" line="132"/>
        <source>Your channels cannot receive this amount. Your LSP can open a new channel as the payment arrives, and takes its fee from it.</source>
        <translation>Ihre Kanäle können diesen Betrag nicht empfangen. Ihr LSP kann beim Eingang der Zahlung einen neuen Kanal öffnen und zieht seine Gebühr davon ab.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ReceivePage.qml" line="137"/>
        <source>The payer pays</source>
        <translation>Der Zahler zahlt</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ReceivePage.qml" line="138"/>
        <source>The new channel costs</source>
        <translation>Der neue Kanal kostet</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ReceivePage.qml" line="139"/>
        <source>You receive</source>
        <translation>Sie erhalten</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ReceivePage.qml" line="140"/>
        <source>This price holds until</source>
        <translation>Dieser Preis gilt bis</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ReceivePage.qml" line="151"/>
        <source>Making the invoice…</source>
        <translation>Rechnung wird erstellt…</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ReceivePage.qml" line="151"/>
        <source>Accept this fee</source>
        <translation>Diese Gebühr akzeptieren</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ReceivePage.qml" line="194"/>
        <source>No offer yet.</source>
        <translation>Noch kein Angebot.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ReceivePage.qml" line="196"/>
        <source>Correct the amount below to see the invoice.</source>
        <translation>Korrigieren Sie den Betrag unten, um die Rechnung zu sehen.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ReceivePage.qml" line="199"/>
        <source>No invoice yet.</source>
        <translation>Noch keine Rechnung.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ReceivePage.qml" line="199"/>
        <source>Lightning invoices need the wallet to be open.</source>
        <translation>Für Lightning-Rechnungen muss die Wallet geöffnet sein.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ReceivePage.qml" line="200"/>
        <source>Correct the amount below to see the request.</source>
        <translation>Korrigieren Sie den Betrag unten, um die Anfrage zu sehen.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ReceivePage.qml" line="202"/>
        <source>No address yet.</source>
        <translation>Noch keine Adresse.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ReceivePage.qml" line="203"/>
        <source>Kite is not connected yet, so it cannot give you an address to receive to.</source>
        <translation>Kite ist noch nicht verbunden und kann Ihnen daher keine Empfangsadresse geben.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ReceivePage.qml" line="215"/>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ReceivePage.qml" line="240"/>
        <source>Through a new channel: the payer pays %1, the channel costs %2, you receive %3.</source>
        <translation>Über einen neuen Kanal: Der Zahler zahlt %1, der Kanal kostet %2, Sie erhalten %3.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ReceivePage.qml" line="270"/>
        <source>Reusable: payers choose the amount and can pay this offer again and again. It reaches this wallet through your trampoline channel while Kite is online.</source>
        <translation>Wiederverwendbar: Zahlende wählen den Betrag und können dieses Angebot immer wieder bezahlen. Es erreicht diese Wallet über Ihren Trampolin-Kanal, solange Kite online ist.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ReceivePage.qml" line="280"/>
        <source>Pays over Lightning.</source>
        <translation>Zahlt über Lightning.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ReceivePage.qml" line="281"/>
        <source>Pays over Lightning or on-chain, whichever the payer&apos;s wallet can.</source>
        <translation>Zahlt über Lightning oder On-Chain, je nachdem, was die Wallet des Zahlers kann.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ReceivePage.qml" line="282"/>
        <source>An on-chain request (the Lightning invoice is on its way).</source>
        <translation>Eine On-Chain-Anfrage (die Lightning-Rechnung ist unterwegs).</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ReceivePage.qml" line="283"/>
        <source> You can receive up to </source>
        <translation> Sie können jetzt bis zu </translation>
    </message>
    <message>
        <location filename="../../ui/qml/ReceivePage.qml" line="283"/>
        <source> over Lightning now.</source>
        <translation> über Lightning empfangen.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ReceivePage.qml" line="297"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ReceivePage.qml" line="305"/>
        <source>Save image</source>
        <translation>Bild speichern</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ReceivePage.qml" line="331"/>
        <source>Withdraw from a code</source>
        <translation>Mit einem Code abheben</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ReceivePage.qml" line="342"/>
        <source>Demo: have the shop pay this</source>
        <translation>Demo: vom Laden bezahlen lassen</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ReceivePage.qml" line="364"/>
        <source>Amount (</source>
        <translation>Betrag (</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ReceivePage.qml" line="364"/>
        <source>), optional</source>
        <translation>), optional</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ReceivePage.qml" line="379"/>
        <source>Description, optional</source>
        <translation>Beschreibung, optional</translation>
    </message>
</context>
<context>
    <name>RestorePage</name>
    <message>
        <location filename="../../ui/qml/RestorePage.qml" line="11"/>
        <source>Restore a wallet</source>
        <translation>Wallet wiederherstellen</translation>
    </message>
    <message>
        <location filename="../../ui/qml/RestorePage.qml" line="25"/>
        <source>Type your seed words in order, separated by spaces.</source>
        <translation>Tippen Sie Ihre Wiederherstellungswörter der Reihe nach ein, getrennt durch Leerzeichen.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/RestorePage.qml" line="33"/>
        <source>12 or 24 words</source>
        <translation>12 oder 24 Wörter</translation>
    </message>
    <message>
        <location filename="../../ui/qml/RestorePage.qml" line="82"/>
        <source>Hide passphrase</source>
        <translation>Passphrase ausblenden</translation>
    </message>
    <message>
        <location filename="../../ui/qml/RestorePage.qml" line="82"/>
        <source>I also used a passphrase</source>
        <translation>Ich habe auch eine Passphrase verwendet</translation>
    </message>
    <message>
        <location filename="../../ui/qml/RestorePage.qml" line="91"/>
        <source>Passphrase (optional, not your password)</source>
        <translation>Passphrase (optional, nicht Ihr Passwort)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/RestorePage.qml" line="97"/>
        <source>Only if you chose one when you made the wallet: a different passphrase opens a different, empty wallet.</source>
        <translation>Nur wenn Sie beim Erstellen der Wallet eine gewählt haben: Eine andere Passphrase öffnet eine andere, leere Wallet.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/RestorePage.qml" line="105"/>
        <source>Continue</source>
        <translation>Weiter</translation>
    </message>
</context>
<context>
    <name>ScanPage</name>
    <message>
        <location filename="../../ui/qml/ScanPage.qml" line="10"/>
        <source>Scan a QR code</source>
        <translation>QR-Code scannen</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ScanPage.qml" line="30"/>
        <source>Point the camera at a QR code</source>
        <translation>Richten Sie die Kamera auf einen QR-Code</translation>
    </message>
</context>
<context>
    <name>Scanner</name>
    <message>
        <location filename="../../ui/models/scanner.py" line="64"/>
        <source>No camera is available.</source>
        <translation>Keine Kamera verfügbar.</translation>
    </message>
    <message>
        <location filename="../../ui/models/scanner.py" line="78"/>
        <source>The camera failed: %1</source>
        <translation>Die Kamera ist ausgefallen: %1</translation>
    </message>
</context>
<context>
    <name>SeedPage</name>
    <message>
        <location filename="../../ui/qml/SeedPage.qml" line="15"/>
        <source>Seed words</source>
        <translation>Wiederherstellungswörter</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SeedPage.qml" line="25"/>
        <source>One of these words does not match. Look at your paper again, or go back to see the words.</source>
        <translation>Eines dieser Wörter stimmt nicht. Schauen Sie noch einmal auf Ihr Papier oder gehen Sie zurück zu den Wörtern.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SeedPage.qml" line="43"/>
        <source>Anyone who sees these words can take your money. Make sure nobody is watching, then type your password.</source>
        <translation>Wer diese Wörter sieht, kann Ihr Geld nehmen. Achten Sie darauf, dass niemand zusieht, und geben Sie dann Ihr Passwort ein.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SeedPage.qml" line="52"/>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SeedPage.qml" line="63"/>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SeedPage.qml" line="63"/>
        <source>Show seed words</source>
        <translation>Wiederherstellungswörter zeigen</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SeedPage.qml" line="72"/>
        <source>These %1 words, in this order, restore this wallet on any device. Keep them on paper, offline.</source>
        <translation>Diese %1 Wörter stellen in dieser Reihenfolge diese Wallet auf jedem Gerät wieder her. Bewahren Sie sie auf Papier auf, offline.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SeedPage.qml" line="101"/>
        <source>Passphrase (needed too, with the words, to restore)</source>
        <translation>Passphrase (zum Wiederherstellen zusammen mit den Wörtern ebenfalls nötig)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SeedPage.qml" line="107"/>
        <source>Check my paper copy again</source>
        <translation>Meine Abschrift erneut prüfen</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SeedPage.qml" line="107"/>
        <source>I have written them down: check my backup</source>
        <translation>Ich habe sie aufgeschrieben: Sicherung prüfen</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SeedPage.qml" line="115"/>
        <source>Type these words from your paper (not from the screen).</source>
        <translation>Tippen Sie diese Wörter von Ihrem Papier ab (nicht vom Bildschirm).</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SeedPage.qml" line="125"/>
        <source>Word #%1</source>
        <translation>Wort Nr. %1</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SeedPage.qml" line="137"/>
        <source>Check</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SeedPage.qml" line="146"/>
        <source>Your paper copy is right. Keep it somewhere safe; Kite will not remind you again.</source>
        <translation>Ihre Abschrift stimmt. Bewahren Sie sie sicher auf; Kite erinnert Sie nicht mehr daran.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SeedPage.qml" line="155"/>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
</context>
<context>
    <name>Send</name>
    <message>
        <location filename="../../ui/models/send.py" line="154"/>
        <source>The answer about %1 was not proven, so Kite does not use it.</source>
        <translation>Die Antwort zu %1 war nicht bewiesen, daher verwendet Kite sie nicht.</translation>
    </message>
    <message>
        <location filename="../../ui/models/send.py" line="230"/>
        <source>The quantity is a whole number of at least 1.</source>
        <translation>Die Menge ist eine ganze Zahl, mindestens 1.</translation>
    </message>
    <message>
        <location filename="../../ui/models/send.py" line="233"/>
        <source>This offer sells at most %1 at once.</source>
        <translation>Dieses Angebot verkauft höchstens %1 auf einmal.</translation>
    </message>
    <message>
        <location filename="../../ui/models/send.py" line="237"/>
        <source>That is more than all the bitcoin there is.</source>
        <translation>Das ist mehr als alle Bitcoin, die es gibt.</translation>
    </message>
    <message>
        <location filename="../../ui/models/send.py" line="264"/>
        <source>This offer asks for an amount in %1: Kite pays offers in bitcoin only.</source>
        <translation>Dieses Angebot verlangt einen Betrag in %1: Kite bezahlt Angebote nur in Bitcoin.</translation>
    </message>
    <message>
        <location filename="../../ui/models/send.py" line="268"/>
        <source>This offer has expired: ask the recipient for a new one.</source>
        <translation>Dieses Angebot ist abgelaufen: Bitten Sie den Empfänger um ein neues.</translation>
    </message>
    <message>
        <location filename="../../ui/models/send.py" line="272"/>
        <source>This offer asks for a fraction of a sat, which Kite cannot show exactly.</source>
        <translation>Dieses Angebot verlangt einen Bruchteil eines sat, den Kite nicht genau anzeigen kann.</translation>
    </message>
    <message>
        <location filename="../../ui/models/send.py" line="309"/>
        <source>The clipboard is empty: copy an address or invoice first.</source>
        <translation>Die Zwischenablage ist leer: Kopieren Sie zuerst eine Adresse oder Rechnung.</translation>
    </message>
    <message>
        <location filename="../../ui/models/send.py" line="319"/>
        <source>That file could not be opened as an image.</source>
        <translation>Diese Datei konnte nicht als Bild geöffnet werden.</translation>
    </message>
    <message>
        <location filename="../../ui/models/send.py" line="326"/>
        <source>No QR code was found in that picture.</source>
        <translation>In diesem Bild wurde kein QR-Code gefunden.</translation>
    </message>
    <message>
        <location filename="../../ui/models/send.py" line="347"/>
        <source>That is not an amount.</source>
        <translation>Das ist kein Betrag.</translation>
    </message>
    <message>
        <location filename="../../ui/models/send.py" line="391"/>
        <source>The fee estimate did not match the amount: try again.</source>
        <translation>Die Gebührenschätzung passte nicht zum Betrag: Versuchen Sie es noch einmal.</translation>
    </message>
    <message>
        <location filename="../../ui/models/send.py" line="403"/>
        <source>Not enough funds: the amount and its fee come to more than your on-chain balance.</source>
        <translation>Nicht genug Guthaben: Betrag und Gebühr zusammen sind mehr als Ihr On-Chain-Guthaben.</translation>
    </message>
    <message>
        <location filename="../../ui/models/send.py" line="553"/>
        <source>Lightning (a BOLT 12 offer)</source>
        <translation>Lightning (ein BOLT-12-Angebot)</translation>
    </message>
    <message>
        <location filename="../../ui/models/send.py" line="554"/>
        <source>Lightning</source>
        <translation>Lightning</translation>
    </message>
    <message>
        <location filename="../../ui/models/send.py" line="556"/>
        <source>On-chain (this request also offers Lightning)</source>
        <translation>On-Chain (diese Anforderung bietet auch Lightning an)</translation>
    </message>
    <message>
        <location filename="../../ui/models/send.py" line="557"/>
        <source>On-chain</source>
        <translation>On-Chain</translation>
    </message>
    <message>
        <location filename="../../ui/models/send.py" line="567"/>
        <source>A BOLT 12 offer</source>
        <translation>Ein BOLT-12-Angebot</translation>
    </message>
    <message>
        <location filename="../../ui/models/send.py" line="633"/>
        <source>A note can be at most %1 bytes long.</source>
        <translation>Eine Notiz darf höchstens %1 Bytes lang sein.</translation>
    </message>
    <message>
        <location filename="../../ui/models/send.py" line="673"/>
        <source>At most %1 (Settings)</source>
        <translation>Höchstens %1 (Einstellungen)</translation>
    </message>
    <message>
        <location filename="../../ui/models/send.py" line="675"/>
        <source>At most %1 (%2; Settings)</source>
        <translation>Höchstens %1 (%2; Einstellungen)</translation>
    </message>
    <message>
        <location filename="../../ui/models/send.py" line="678"/>
        <source>Waiting for a connection to the network to estimate the fee…</source>
        <translation>Warten auf eine Verbindung zum Netzwerk, um die Gebühr zu schätzen…</translation>
    </message>
    <message>
        <location filename="../../ui/models/send.py" line="679"/>
        <source>Estimating…</source>
        <translation>Wird geschätzt…</translation>
    </message>
    <message>
        <location filename="../../ui/models/send.py" line="684"/>
        <source>Shown once the wallet is connected</source>
        <translation>Wird angezeigt, sobald die Wallet verbunden ist</translation>
    </message>
    <message>
        <location filename="../../ui/models/send.py" line="685"/>
        <source>Enter an amount to see the fee</source>
        <translation>Geben Sie einen Betrag ein, um die Gebühr zu sehen</translation>
    </message>
    <message>
        <location filename="../../ui/models/send.py" line="690"/>
        <source>%1 (%2 sat/vB)</source>
        <translation>%1 (%2 sat/vB)</translation>
    </message>
    <message>
        <location filename="../../ui/models/send.py" line="753"/>
        <source>High fee: %1.</source>
        <translation>Hohe Gebühr: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/models/send.py" line="771"/>
        <source>Paying needs the wallet to be open.</source>
        <translation>Zum Bezahlen muss die Wallet geöffnet sein.</translation>
    </message>
    <message>
        <location filename="../../ui/models/send.py" line="773"/>
        <source>This invoice has expired: ask the recipient for a new one.</source>
        <translation>Diese Rechnung ist abgelaufen: Bitten Sie den Empfänger um eine neue.</translation>
    </message>
    <message>
        <location filename="../../ui/models/send.py" line="775"/>
        <source>Enter the amount to pay.</source>
        <translation>Geben Sie den zu zahlenden Betrag ein.</translation>
    </message>
    <message>
        <location filename="../../ui/models/send.py" line="781"/>
        <source>You have nothing to spend over Lightning yet: open a channel first (the lightning button on Home).</source>
        <translation>Sie haben noch nichts, das Sie über Lightning ausgeben können: Öffnen Sie zuerst einen Kanal (die Blitz-Schaltfläche auf der Startseite).</translation>
    </message>
    <message>
        <location filename="../../ui/models/send.py" line="783"/>
        <source>You can send at most %1 over Lightning now (what stays in a channel as its reserve cannot be spent).</source>
        <translation>Sie können jetzt höchstens %1 über Lightning senden (was als Reserve in einem Kanal bleibt, kann nicht ausgegeben werden).</translation>
    </message>
    <message>
        <location filename="../../ui/models/send.py" line="788"/>
        <source>Paying Lightning invoices arrives with Lightning payments in Kite.</source>
        <translation>Lightning-Rechnungen zu bezahlen kommt mit den Lightning-Zahlungen in Kite.</translation>
    </message>
    <message>
        <location filename="../../ui/models/send.py" line="790"/>
        <source>Sending needs the wallet to be connected.</source>
        <translation>Zum Senden muss die Wallet verbunden sein.</translation>
    </message>
    <message>
        <location filename="../../ui/models/send.py" line="792"/>
        <source>Enter the amount to send.</source>
        <translation>Geben Sie den zu sendenden Betrag ein.</translation>
    </message>
</context>
<context>
    <name>SendPage</name>
    <message>
        <location filename="../../ui/qml/SendPage.qml" line="12"/>
        <source>Confirm payment</source>
        <translation>Zahlung bestätigen</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SendPage.qml" line="12"/>
        <location filename="../../ui/qml/SendPage.qml" line="352"/>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SendPage.qml" line="22"/>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.gif *.webp)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.bmp *.gif *.webp)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SendPage.qml" line="62"/>
        <source>Expired: ask the recipient for a new invoice</source>
        <translation>Abgelaufen: Bitten Sie den Empfänger um eine neue Rechnung</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SendPage.qml" line="64"/>
        <source>Expires in %1 hours</source>
        <translation>Läuft in %1 Stunden ab</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SendPage.qml" line="65"/>
        <source>Expires in %1 minutes</source>
        <translation>Läuft in %1 Minuten ab</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SendPage.qml" line="66"/>
        <source>Expires in %1</source>
        <translation>Läuft ab in %1</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SendPage.qml" line="77"/>
        <source>Paste or type a Bitcoin address, a Lightning invoice or offer, or a name like %1alice@example.com, or open a picture of its QR code.</source>
        <translation>Fügen Sie eine Bitcoin-Adresse, eine Lightning-Rechnung oder ein Angebot oder einen Namen wie %1alice@example.com ein oder tippen Sie sie, oder öffnen Sie ein Bild ihres QR-Codes.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SendPage.qml" line="88"/>
        <source>Address, invoice, offer or name</source>
        <translation>Adresse, Rechnung, Angebot oder Name</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SendPage.qml" line="109"/>
        <source>Looking up %1 and checking its DNSSEC proof…</source>
        <translation>%1 wird nachgeschlagen und sein DNSSEC-Nachweis geprüft…</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SendPage.qml" line="128"/>
        <source>Paste</source>
        <translation>Einfügen</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SendPage.qml" line="137"/>
        <source>QR image</source>
        <translation>QR-Bild</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SendPage.qml" line="147"/>
        <source>Scan</source>
        <translation>Scannen</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SendPage.qml" line="160"/>
        <source>Demo: pay the shop</source>
        <translation>Demo: den Laden bezahlen</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SendPage.qml" line="182"/>
        <source>Continue</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SendPage.qml" line="207"/>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SendPage.qml" line="219"/>
        <source>Amount in </source>
        <translation>Betrag in </translation>
    </message>
    <message>
        <location filename="../../ui/qml/SendPage.qml" line="231"/>
        <source>Everything in the wallet</source>
        <translation>Alles in der Wallet</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SendPage.qml" line="238"/>
        <source>Send everything</source>
        <translation>Alles senden</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SendPage.qml" line="257"/>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SendPage.qml" line="275"/>
        <source>Note to the recipient (optional; they see it as written)</source>
        <translation>Notiz an den Empfänger (optional; er sieht sie so, wie sie geschrieben ist)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SendPage.qml" line="279"/>
        <source>e.g. Table 4, or your order number</source>
        <translation>z. B. Tisch 4 oder Ihre Bestellnummer</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SendPage.qml" line="292"/>
        <source>Lightning</source>
        <translation>Lightning</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SendPage.qml" line="301"/>
        <source>On-chain</source>
        <translation>On-Chain</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SendPage.qml" line="308"/>
        <source>Paying</source>
        <translation>Zahlung</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SendPage.qml" line="309"/>
        <source>To</source>
        <translation>An</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SendPage.qml" line="310"/>
        <source>Name (BIP 353)</source>
        <translation>Name (BIP 353)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SendPage.qml" line="314"/>
        <source>✓ DNSSEC proof checked: the domain&apos;s signed DNS records name these payment details.</source>
        <translation>✓ DNSSEC-Nachweis geprüft: Die signierten DNS-Einträge der Domain nennen diese Zahlungsdaten.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SendPage.qml" line="320"/>
        <source>For</source>
        <translation>Für</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SendPage.qml" line="321"/>
        <location filename="../../ui/qml/SendPage.qml" line="385"/>
        <source>Lightning fee</source>
        <translation>Lightning-Gebühr</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SendPage.qml" line="321"/>
        <source>Network fee</source>
        <translation>Netzwerkgebühr</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SendPage.qml" line="323"/>
        <source>Total</source>
        <translation>Gesamt</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SendPage.qml" line="328"/>
        <source> I accept this fee.</source>
        <translation> Ich akzeptiere diese Gebühr.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SendPage.qml" line="339"/>
        <source>Invoice</source>
        <translation>Rechnung</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SendPage.qml" line="352"/>
        <source>Pay</source>
        <translation>Bezahlen</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SendPage.qml" line="359"/>
        <location filename="../../ui/qml/SendPage.qml" line="400"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SendPage.qml" line="372"/>
        <source>Paying over Lightning…</source>
        <translation>Zahlung über Lightning…</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SendPage.qml" line="372"/>
        <source>Sending…</source>
        <translation>Wird gesendet…</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SendPage.qml" line="382"/>
        <source>Paid</source>
        <translation>Bezahlt</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SendPage.qml" line="382"/>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SendPage.qml" line="384"/>
        <source>Transaction</source>
        <translation>Transaktion</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SendPage.qml" line="386"/>
        <source>Proof of payment (preimage)</source>
        <translation>Zahlungsnachweis (Preimage)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SendPage.qml" line="388"/>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SendPage.qml" line="396"/>
        <source>Not paid</source>
        <translation>Nicht bezahlt</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SendPage.qml" line="396"/>
        <source>Not sent</source>
        <translation>Nicht gesendet</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SendPage.qml" line="399"/>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SendPage.qml" line="400"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>Servers</name>
    <message>
        <location filename="../../ui/models/servers.py" line="20"/>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <location filename="../../ui/models/servers.py" line="21"/>
        <source>Answers</source>
        <translation>Antwortet</translation>
    </message>
    <message>
        <location filename="../../ui/models/servers.py" line="22"/>
        <source>Did not answer</source>
        <translation>Hat nicht geantwortet</translation>
    </message>
    <message>
        <location filename="../../ui/models/servers.py" line="23"/>
        <source>Dropped: sent false data or a refused certificate</source>
        <translation>Verworfen: hat falsche Daten oder ein abgelehntes Zertifikat gesendet</translation>
    </message>
    <message>
        <location filename="../../ui/models/servers.py" line="24"/>
        <source>Not tried yet</source>
        <translation>Noch nicht versucht</translation>
    </message>
    <message>
        <location filename="../../ui/models/servers.py" line="30"/>
        <source>its certificate was refused</source>
        <translation>sein Zertifikat wurde abgelehnt</translation>
    </message>
    <message>
        <location filename="../../ui/models/servers.py" line="31"/>
        <source>it refused the connection</source>
        <translation>er hat die Verbindung abgelehnt</translation>
    </message>
    <message>
        <location filename="../../ui/models/servers.py" line="35"/>
        <source>its name was not found (no internet?)</source>
        <translation>sein Name wurde nicht gefunden (kein Internet?)</translation>
    </message>
    <message>
        <location filename="../../ui/models/servers.py" line="36"/>
        <source>it did not answer in time</source>
        <translation>er hat nicht rechtzeitig geantwortet</translation>
    </message>
    <message>
        <location filename="../../ui/models/servers.py" line="38"/>
        <source>the network is unreachable (no internet?)</source>
        <translation>das Netzwerk ist nicht erreichbar (kein Internet?)</translation>
    </message>
    <message>
        <location filename="../../ui/models/servers.py" line="54"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../../ui/models/servers.py" line="136"/>
        <source>no TLS</source>
        <translation>ohne TLS</translation>
    </message>
    <message>
        <location filename="../../ui/models/servers.py" line="166"/>
        <source>Tried %1 and %2 more.</source>
        <translation>Versucht: %1 und %2 weitere.</translation>
    </message>
    <message>
        <location filename="../../ui/models/servers.py" line="167"/>
        <source>Tried %1.</source>
        <translation>Versucht: %1.</translation>
    </message>
</context>
<context>
    <name>ServersPage</name>
    <message>
        <location filename="../../ui/qml/ServersPage.qml" line="10"/>
        <location filename="../../ui/qml/ServersPage.qml" line="75"/>
        <source>Servers</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ServersPage.qml" line="30"/>
        <source>Kite asks these Electrum servers about the Bitcoin chain and checks every answer. Add your own, or use one alone.</source>
        <translation>Kite fragt diese Electrum-Server nach der Bitcoin-Blockchain und prüft jede Antwort. Fügen Sie Ihren eigenen hinzu oder verwenden Sie nur einen.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ServersPage.qml" line="36"/>
        <source>Add a server</source>
        <translation>Server hinzufügen</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ServersPage.qml" line="40"/>
        <source>HOST:PORT (add :t for no TLS)</source>
        <translation>HOST:PORT (:t anhängen für kein TLS)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ServersPage.qml" line="51"/>
        <source>Certificate SHA-256 (optional)</source>
        <translation>Zertifikat-SHA-256 (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ServersPage.qml" line="59"/>
        <source>Without a fingerprint, Kite trusts the certificate it sees first and refuses a different one later.</source>
        <translation>Ohne Fingerabdruck vertraut Kite dem zuerst gesehenen Zertifikat und lehnt später ein anderes ab.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ServersPage.qml" line="69"/>
        <source>Saving…</source>
        <translation>Speichern…</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ServersPage.qml" line="69"/>
        <source>Add server</source>
        <translation>Server hinzufügen</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ServersPage.qml" line="80"/>
        <source>Automatic: any server of the list</source>
        <translation>Automatisch: irgendein Server der Liste</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ServersPage.qml" line="88"/>
        <source>No server yet: add one above.</source>
        <translation>Noch kein Server: Fügen Sie oben einen hinzu.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ServersPage.qml" line="123"/>
        <source>Port </source>
        <translation>Port </translation>
    </message>
    <message>
        <location filename="../../ui/qml/ServersPage.qml" line="123"/>
        <source> · added by you</source>
        <translation> · von Ihnen hinzugefügt</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ServersPage.qml" line="156"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../../ui/models/session.py" line="29"/>
        <source>This wallet is already open in the Kite daemon: stop the daemon (below, or with `kite stop`) to open it in this window.</source>
        <translation>Diese Wallet ist bereits im Kite-Daemon geöffnet: Beenden Sie den Daemon (unten, oder mit `kite stop`), um sie in diesem Fenster zu öffnen.</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../../ui/models/settings.py" line="117"/>
        <source>Type the LSP as NODEID@HOST:PORT: its node id (66 hexadecimal characters), @, then its address and port.</source>
        <translation>Geben Sie den LSP als KNOTEN-ID@HOST:PORT ein: seine Knoten-ID (66 Hexadezimalzeichen), @, dann seine Adresse und seinen Port.</translation>
    </message>
    <message>
        <location filename="../../ui/models/settings.py" line="210"/>
        <source>The KITE_LANG environment variable chooses the language while it is set.</source>
        <translation>Solange die Umgebungsvariable KITE_LANG gesetzt ist, bestimmt sie die Sprache.</translation>
    </message>
    <message>
        <location filename="../../ui/models/settings.py" line="213"/>
        <source>Kite shows the new language when it next starts.</source>
        <translation>Kite zeigt die neue Sprache beim nächsten Start.</translation>
    </message>
    <message>
        <location filename="../../ui/models/settings.py" line="225"/>
        <source>%1% of the amount, at least %2</source>
        <translation>%1 % des Betrags, mindestens %2</translation>
    </message>
    <message>
        <location filename="../../ui/models/settings.py" line="280"/>
        <source>Follow the system</source>
        <translation>Sprache des Systems</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="9"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="17"/>
        <location filename="../../ui/qml/SettingsPage.qml" line="24"/>
        <source>Kite backup files (*.backup)</source>
        <translation>Kite-Sicherungsdateien (*.backup)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="17"/>
        <location filename="../../ui/qml/SettingsPage.qml" line="24"/>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="39"/>
        <source>Amounts</source>
        <translation>Beträge</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="46"/>
        <source>Satoshis (1 BTC = 100 000 000 sat)</source>
        <translation>Satoshis (1 BTC = 100 000 000 sat)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="53"/>
        <source>Bitcoin (BTC)</source>
        <translation>Bitcoin (BTC)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="58"/>
        <source>Also show amounts in</source>
        <translation>Beträge auch zeigen in</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="64"/>
        <source>No other currency</source>
        <translation>Keiner anderen Währung</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="85"/>
        <source>Asking for the rate…</source>
        <translation>Der Kurs wird abgefragt…</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="102"/>
        <source>Theme</source>
        <translation>Design</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="104"/>
        <source>Follow the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="104"/>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="104"/>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="114"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="136"/>
        <source>Lightning</source>
        <translation>Lightning</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="137"/>
        <source>Trampoline peer (for new channels)</source>
        <translation>Trampolin-Gegenseite (für neue Kanäle)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="141"/>
        <source>Default: the network&apos;s trampoline</source>
        <translation>Standard: das Trampolin des Netzes</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="141"/>
        <location filename="../../ui/qml/SettingsPage.qml" line="261"/>
        <source>NODEID@HOST:PORT</source>
        <translation>KNOTEN-ID@HOST:PORT</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="164"/>
        <source>Maximum Lightning fee per payment</source>
        <translation>Höchste Lightning-Gebühr je Zahlung</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="180"/>
        <source>% of the amount, at least</source>
        <translation>% des Betrags, mindestens</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="201"/>
        <source>For a 2 100 sat coffee: at most </source>
        <translation>Für einen Kaffee für 2 100 sat: höchstens </translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="202"/>
        <source>; for 1 000 000 sat: at most </source>
        <translation>; für 1 000 000 sat: höchstens </translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="211"/>
        <source>Liquidity provider (LSP)</source>
        <translation>Liquiditätsanbieter (LSP)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="217"/>
        <source>Automatic</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="222"/>
        <source>The trampoline&apos;s node, when it sells channels (LSPS2).</source>
        <translation>Der Knoten des Trampolins, wenn er Kanäle verkauft (LSPS2).</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="233"/>
        <source>None</source>
        <translation>Keiner</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="239"/>
        <source>No channel is ever bought: a payment larger than your channels can receive is refused over Lightning, and Receive says so.</source>
        <translation>Es wird nie ein Kanal gekauft: Eine Zahlung, die größer ist, als Ihre Kanäle empfangen können, wird über Lightning abgelehnt, und die Empfangen-Seite sagt es.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="251"/>
        <source>A node I choose</source>
        <translation>Ein Knoten meiner Wahl</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="271"/>
        <source>Known LSPs (suggestions, none required; Kite asks each what it sells before using it):</source>
        <translation>Bekannte LSPs (Vorschläge, keiner ist nötig; Kite fragt jeden vor der Nutzung, was er anbietet):</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="305"/>
        <source>When your channels cannot receive a payment, the LSP opens a new channel as it arrives and takes a fee from it. A new choice is used from the next time the wallet opens.</source>
        <translation>Wenn Ihre Kanäle eine Zahlung nicht empfangen können, öffnet der LSP beim Eintreffen einen neuen Kanal und behält davon eine Gebühr ein. Eine neue Wahl gilt ab dem nächsten Öffnen der Wallet.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="315"/>
        <source>This window shows the Kite daemon&apos;s wallet: the daemon buys channels from the LSP it was started with (kite daemon --lsp-peer).</source>
        <translation>Dieses Fenster zeigt die Wallet des Kite-Daemons: Der Daemon kauft Kanäle bei dem LSP, mit dem er gestartet wurde (kite daemon --lsp-peer).</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="322"/>
        <source>Accept a channel fee without asking up to</source>
        <translation>Kanalgebühr ohne Rückfrage annehmen bis</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="345"/>
        <source>Receive makes the invoice at once when a new channel costs at most this, and asks above it.</source>
        <translation>Empfangen erstellt die Rechnung sofort, wenn ein neuer Kanal höchstens so viel kostet, und fragt darüber nach.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="346"/>
        <source>0: Receive always asks before a new channel is paid for.</source>
        <translation>0: Empfangen fragt immer, bevor ein neuer Kanal bezahlt wird.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="357"/>
        <source>Recoverable channels</source>
        <translation>Wiederherstellbare Kanäle</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="377"/>
        <source>Servers · </source>
        <translation>Server · </translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="377"/>
        <source>connected</source>
        <translation>verbunden</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="377"/>
        <source>none connected</source>
        <translation>keiner verbunden</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="384"/>
        <source>Backup</source>
        <translation>Sicherung</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="387"/>
        <source>Show seed words…</source>
        <translation>Wiederherstellungswörter zeigen…</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="391"/>
        <source>Backup file</source>
        <translation>Sicherungsdatei</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="394"/>
        <source>A file that finds your channels again after a restore, even those the seed words alone cannot find (recoverable channels off, or a peer Kite does not know). It is encrypted with a key from your seed words and holds no keys: it only works with this wallet&apos;s words. Export it again after opening a channel.</source>
        <translation>Eine Datei, mit der Ihre Kanäle nach einer Wiederherstellung wiedergefunden werden, auch jene, die die Wiederherstellungswörter allein nicht finden (wiederherstellbare Kanäle aus, oder eine Gegenseite, die Kite nicht kennt). Sie ist mit einem Schlüssel aus Ihren Wiederherstellungswörtern verschlüsselt und enthält keine Schlüssel: Sie funktioniert nur mit den Wörtern dieser Wallet. Exportieren Sie sie nach jeder Kanaleröffnung erneut.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="405"/>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="415"/>
        <source>Import…</source>
        <translation>Importieren…</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="440"/>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="443"/>
        <source>Export history (CSV or JSON)…</source>
        <translation>Verlauf exportieren (CSV oder JSON)…</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="448"/>
        <source>About</source>
        <translation>Über Kite</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="449"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="449"/>
        <source>Kite </source>
        <translation>Kite </translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="374"/>
        <location filename="../../ui/qml/SettingsPage.qml" line="450"/>
        <source>Network</source>
        <translation>Netz</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="451"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="451"/>
        <source>None connected</source>
        <translation>Keiner verbunden</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="452"/>
        <source>Node id</source>
        <translation>Knoten-ID</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="452"/>
        <source>Shown once the wallet is open</source>
        <translation>Wird gezeigt, sobald die Wallet geöffnet ist</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SettingsPage.qml" line="453"/>
        <source>Wallet folder</source>
        <translation>Wallet-Ordner</translation>
    </message>
</context>
<context>
    <name>SpeedUpBox</name>
    <message>
        <location filename="../../ui/qml/SpeedUpBox.qml" line="19"/>
        <location filename="../../ui/qml/SpeedUpBox.qml" line="77"/>
        <source>Speed up</source>
        <translation>Beschleunigen</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SpeedUpBox.qml" line="27"/>
        <source>Replace this payment with the same one paying a higher fee (RBF). The recipient gets the same amount.</source>
        <translation>Diese Zahlung durch dieselbe mit höherer Gebühr ersetzen (RBF). Der Empfänger erhält denselben Betrag.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SpeedUpBox.qml" line="29"/>
        <source>This transaction opens a Lightning channel: replacing it would break the channel. Its change is spent with a higher fee instead, so that miners take both transactions (CPFP).</source>
        <translation>Diese Transaktion eröffnet einen Lightning-Kanal: Sie zu ersetzen, würde den Kanal zerstören. Stattdessen wird ihr Wechselgeld mit einer höheren Gebühr ausgegeben, damit Miner beide Transaktionen aufnehmen (CPFP).</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SpeedUpBox.qml" line="30"/>
        <source>Spend the coins you are receiving with a higher fee, so that miners take both transactions (CPFP). The fee comes out of the coins received.</source>
        <translation>Die eingehenden Coins mit höherer Gebühr weitergeben, damit Miner beide Transaktionen aufnehmen (CPFP). Die Gebühr wird von den empfangenen Coins bezahlt.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SpeedUpBox.qml" line="42"/>
        <source>New fee rate</source>
        <translation>Neuer Gebührensatz</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SpeedUpBox.qml" line="47"/>
        <source>sat/vB</source>
        <translation>sat/vB</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SpeedUpBox.qml" line="53"/>
        <source>New network fee: %1 (instead of the fee paid now).</source>
        <translation>Neue Netzwerkgebühr: %1 (statt der jetzt gezahlten Gebühr).</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SpeedUpBox.qml" line="54"/>
        <source>Fee of the extra transaction: %1.</source>
        <translation>Gebühr der zusätzlichen Transaktion: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SpeedUpBox.qml" line="69"/>
        <source>Sent. New transaction: %1</source>
        <translation>Gesendet. Neue Transaktion: %1</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SpeedUpBox.qml" line="77"/>
        <source>Working…</source>
        <translation>In Arbeit…</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SpeedUpBox.qml" line="77"/>
        <source>Speed up for %1</source>
        <translation>Für %1 beschleunigen</translation>
    </message>
</context>
<context>
    <name>UnlockPage</name>
    <message>
        <location filename="../../ui/qml/UnlockPage.qml" line="19"/>
        <source>Welcome back</source>
        <translation>Willkommen zurück</translation>
    </message>
    <message>
        <location filename="../../ui/qml/UnlockPage.qml" line="28"/>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <location filename="../../ui/qml/UnlockPage.qml" line="40"/>
        <source>Stop the daemon and open here</source>
        <translation>Daemon beenden und hier öffnen</translation>
    </message>
    <message>
        <location filename="../../ui/qml/UnlockPage.qml" line="48"/>
        <source>This version of Kite cannot open the wallet yet.</source>
        <translation>Diese Version von Kite kann die Wallet noch nicht öffnen.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/UnlockPage.qml" line="57"/>
        <source>Opening…</source>
        <translation>Wird geöffnet…</translation>
    </message>
    <message>
        <location filename="../../ui/qml/UnlockPage.qml" line="61"/>
        <source>Unlock</source>
        <translation>Entsperren</translation>
    </message>
</context>
<context>
    <name>Wallet</name>
    <message>
        <location filename="../../ui/models/wallet_model.py" line="221"/>
        <source>arriving on-chain: usable once its transaction confirms, usually within the hour</source>
        <translation>kommt on-chain an: verwendbar, sobald die Transaktion bestätigt ist, meist innerhalb einer Stunde</translation>
    </message>
    <message>
        <location filename="../../ui/models/wallet_model.py" line="223"/>
        <source>coming back from closing channels: on-chain once the closing transaction confirms (a force close waits longer, see Channels)</source>
        <translation>kommt aus sich schließenden Kanälen zurück: on-chain, sobald die Schließungstransaktion bestätigt ist (eine Zwangsschließung dauert länger, siehe Kanäle)</translation>
    </message>
    <message>
        <location filename="../../ui/models/wallet_model.py" line="226"/>
        <source>in channels being opened: usable once the funding transaction confirms</source>
        <translation>in Kanälen, die geöffnet werden: verwendbar, sobald die Finanzierungstransaktion bestätigt ist</translation>
    </message>
    <message>
        <location filename="../../ui/models/wallet_model.py" line="228"/>
        <source>mined: usable after 100 blocks</source>
        <translation>gemined: verwendbar nach 100 Blöcken</translation>
    </message>
    <message>
        <location filename="../../ui/models/wallet_model.py" line="274"/>
        <source>No server answers: check the internet connection. Kite keeps trying.</source>
        <translation>Kein Server antwortet: Prüfen Sie die Internetverbindung. Kite versucht es weiter.</translation>
    </message>
    <message>
        <location filename="../../ui/models/wallet_model.py" line="277"/>
        <location filename="../../ui/models/wallet_model.py" line="281"/>
        <source>Not connected · trying to reach a server</source>
        <translation>Nicht verbunden · versucht, einen Server zu erreichen</translation>
    </message>
    <message>
        <location filename="../../ui/models/wallet_model.py" line="284"/>
        <source>Syncing headers · %1 of %2 (%3%)</source>
        <translation>Header werden synchronisiert · %1 von %2 (%3 %)</translation>
    </message>
    <message>
        <location filename="../../ui/models/wallet_model.py" line="287"/>
        <source>Up to date · block %1</source>
        <translation>Aktuell · Block %1</translation>
    </message>
</context>
<context>
    <name>WalletSentences</name>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="26"/>
        <source>Each channel&apos;s funding transaction carries an encrypted recovery record: an 81-byte output, so about 81 sat more fee at 1 sat/vB, and a marker anyone can see on the transaction.</source>
        <extracomment>wallet/daemon/recovery_setting.py: COST, ON_MEANS, OFF_MEANS, SEED_WORDS_RESTORE; wallet/chain/node.py: NO_SERVER_MESSAGE (an error: `models/plain_errors.py` asks here)</extracomment>
        <translation>Die Finanzierungstransaktion jedes Kanals trägt einen verschlüsselten Wiederherstellungseintrag: eine Ausgabe von 81 Byte, also etwa 81 sat mehr Gebühr bei 1 sat/vB, und ein Merkmal, das jeder an der Transaktion sehen kann.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="29"/>
        <source>On: the seed words alone find the channels opened from now on after a restore, and bring their funds back on-chain.</source>
        <translation>Ein: Nach einer Wiederherstellung finden die Wiederherstellungswörter allein die ab jetzt geöffneten Kanäle und bringen ihr Guthaben on-chain zurück.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="31"/>
        <source>Off: a channel opened from now on can only be recovered with a backup file (kite backup export, or Settings).</source>
        <translation>Aus: Ein ab jetzt geöffneter Kanal kann nur mit einer Sicherungsdatei wiederhergestellt werden (kite backup export, oder Einstellungen).</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="33"/>
        <source>They restore the on-chain funds and, while &quot;Recoverable channels&quot; is on (the default, in Settings), find the channels and bring their funds back on-chain. A channel opened with it off needs a backup file too.</source>
        <translation>Sie stellen das On-Chain-Guthaben wieder her und finden, solange „Wiederherstellbare Kanäle“ eingeschaltet ist (die Voreinstellung, in den Einstellungen), die Kanäle und bringen ihr Guthaben on-chain zurück. Ein Kanal, der geöffnet wurde, während es ausgeschaltet war, braucht zusätzlich eine Sicherungsdatei.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="37"/>
        <location filename="../../ui/i18n/wallet_sentences.py" line="652"/>
        <source>Kite cannot reach the Bitcoin network: no usable server is set up.</source>
        <translation>Kite erreicht das Bitcoin-Netzwerk nicht: Kein nutzbarer Server ist eingerichtet.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="97"/>
        <source>an invoice amount must be a positive number of sat</source>
        <translation>der Rechnungsbetrag muss eine positive Zahl in sat sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="98"/>
        <source>the daemon&apos;s events reply is malformed</source>
        <translation>die Ereignis-Antwort des Daemons ist fehlerhaft</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="99"/>
        <source>The daemon answering in this wallet&apos;s folder runs another wallet; stop it with `kite stop`, then unlock again.</source>
        <translation>Der Daemon, der im Ordner dieser Wallet antwortet, betreibt eine andere Wallet. Beenden Sie ihn mit `kite stop` und entsperren Sie dann erneut.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="100"/>
        <source>the wallet is not open</source>
        <translation>die Wallet ist nicht geöffnet</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="101"/>
        <source>The daemon running this wallet is a Kite version a window cannot attach to: stop it with `kite stop`, then unlock again.</source>
        <translation>Der Daemon dieser Wallet ist eine Kite-Version, mit der sich ein Fenster nicht verbinden kann: Beenden Sie ihn mit `kite stop` und entsperren Sie dann erneut.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="102"/>
        <source>an amount must be a positive number of sat</source>
        <translation>ein Betrag muss eine positive Zahl in sat sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="103"/>
        <source>a quantity must be a whole number of at least 1</source>
        <translation>eine Menge muss eine ganze Zahl von mindestens 1 sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="104"/>
        <source>a payer note must be text</source>
        <translation>eine Notiz an den Empfänger muss Text sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="105"/>
        <source>that is not a BOLT 12 offer (lno1…) or a ₿name</source>
        <translation>das ist kein BOLT-12-Angebot (lno1…) und kein ₿Name</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="106"/>
        <source>The daemon did not stop in time; stop it with `kite stop`, then unlock again.</source>
        <translation>Der Daemon hat nicht rechtzeitig angehalten. Beenden Sie ihn mit `kite stop` und entsperren Sie dann erneut.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="107"/>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="108"/>
        <source>unknown speed-up method %1</source>
        <translation>unbekannte Beschleunigungsmethode %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="109"/>
        <source>unknown export format %1: csv or json</source>
        <translation>unbekanntes Exportformat %1: csv oder json</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="110"/>
        <source>The Kite daemon this window was attached to has stopped: unlock again to run the wallet in this window.</source>
        <translation>Der Kite-Daemon, mit dem dieses Fenster verbunden war, wurde beendet: Entsperren Sie erneut, um die Wallet in diesem Fenster auszuführen.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="111"/>
        <source>Lightning invoice</source>
        <translation>Lightning-Rechnung</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="112"/>
        <source>The amount in this payment request is not a number.</source>
        <translation>Der Betrag in dieser Zahlungsanforderung ist keine Zahl.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="113"/>
        <source>The amount in this payment request is smaller than one satoshi.</source>
        <translation>Der Betrag in dieser Zahlungsanforderung ist kleiner als ein Satoshi.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="114"/>
        <source>The amount in this payment request is more than all the bitcoin there is.</source>
        <translation>Der Betrag in dieser Zahlungsanforderung ist größer als alle Bitcoin, die es gibt.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="115"/>
        <source>The amount in this payment request is zero.</source>
        <translation>Der Betrag in dieser Zahlungsanforderung ist null.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="116"/>
        <source>This payment request has no address to pay.</source>
        <translation>Diese Zahlungsanforderung enthält keine Adresse, an die gezahlt werden kann.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="117"/>
        <source>This text is too long to be a Bitcoin address or a Lightning invoice.</source>
        <translation>Dieser Text ist zu lang für eine Bitcoin-Adresse oder eine Lightning-Rechnung.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="118"/>
        <source>Paste or scan a Bitcoin address or a Lightning invoice.</source>
        <translation>Fügen Sie eine Bitcoin-Adresse oder eine Lightning-Rechnung ein oder scannen Sie sie.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="119"/>
        <source>There is no address to put in the payment request.</source>
        <translation>Es gibt keine Adresse für die Zahlungsanforderung.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="120"/>
        <source>This Lightning invoice is not valid: it may be incomplete or damaged.</source>
        <translation>Diese Lightning-Rechnung ist ungültig: Sie ist vielleicht unvollständig oder beschädigt.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="121"/>
        <source>This payment request is damaged: some of its text cannot be read.</source>
        <translation>Diese Zahlungsanforderung ist beschädigt: Ein Teil ihres Textes ist nicht lesbar.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="122"/>
        <source>This payment request is ambiguous: it gives the same detail twice.</source>
        <translation>Diese Zahlungsanforderung ist mehrdeutig: Sie nennt dieselbe Angabe zweimal.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="123"/>
        <source>This payment request needs something Kite does not support yet.</source>
        <translation>Diese Zahlungsanforderung verlangt etwas, das Kite noch nicht unterstützt.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="124"/>
        <source>The Lightning and on-chain amounts in this payment request differ.</source>
        <translation>Der Lightning- und der On-Chain-Betrag dieser Zahlungsanforderung sind verschieden.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="125"/>
        <source>The amount must be a whole number of satoshis above zero.</source>
        <translation>Der Betrag muss eine ganze Zahl von Satoshis über null sein.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="126"/>
        <source>address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="127"/>
        <source>This Bitcoin address is not valid: check it for a typo.</source>
        <translation>Diese Bitcoin-Adresse ist ungültig: Prüfen Sie sie auf Tippfehler.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="128"/>
        <source>mainnet (real bitcoin)</source>
        <translation>Mainnet (echte Bitcoin)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="129"/>
        <source>an %1 address</source>
        <translation>eine %1-Adresse</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="130"/>
        <source>This is %1, but your wallet is on %2.</source>
        <translation>Das ist %1, aber Ihre Wallet ist auf %2.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="131"/>
        <source>a %1 address</source>
        <translation>eine %1-Adresse</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="132"/>
        <source>an %1 Lightning invoice</source>
        <translation>eine %1-Lightning-Rechnung</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="133"/>
        <source>a %1 Lightning invoice</source>
        <translation>eine %1-Lightning-Rechnung</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="134"/>
        <source>unknown export format %1</source>
        <translation>unbekanntes Exportformat %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="135"/>
        <source>the backup file is not valid base64</source>
        <translation>die Sicherungsdatei ist kein gültiges Base64</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="136"/>
        <source>%1 is larger than %2 bytes: not a Kite channel backup file</source>
        <translation>%1 ist größer als %2 Bytes: keine Kanal-Sicherungsdatei von Kite</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="137"/>
        <source>the backup file must be given as base64 text of at most %1 bytes</source>
        <translation>die Sicherungsdatei muss als Base64-Text von höchstens %1 Bytes übergeben werden</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="138"/>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="139"/>
        <source>give the peer as NODEID@HOST:PORT</source>
        <translation>geben Sie die Gegenstelle als NODEID@HOST:PORT an</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="140"/>
        <source>a node id is a 33-byte compressed public key (66 hex characters)</source>
        <translation>eine Node-ID ist ein komprimierter öffentlicher Schlüssel von 33 Bytes (66 Hex-Zeichen)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="141"/>
        <source>give the peer&apos;s address as HOST:PORT</source>
        <translation>geben Sie die Adresse der Gegenstelle als HOST:PORT an</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="142"/>
        <source>a description hash is 32 bytes in hexadecimal (64 characters)</source>
        <translation>ein Beschreibungs-Hash besteht aus 32 Bytes in Hexadezimal (64 Zeichen)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="143"/>
        <source>the node id is not hexadecimal</source>
        <translation>die Node-ID ist nicht hexadezimal</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="144"/>
        <source>give the invoice amount in sat or in msat, not both</source>
        <translation>geben Sie den Rechnungsbetrag in sat oder in msat an, nicht beides</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="145"/>
        <source>an invoice has a description or a description hash, not both</source>
        <translation>eine Rechnung hat eine Beschreibung oder einen Beschreibungs-Hash, nicht beides</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="146"/>
        <source>a quantity, a note or a ₿name goes only with a BOLT 12 offer</source>
        <translation>eine Menge, eine Notiz oder ein ₿Name gehört nur zu einem BOLT-12-Angebot</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="147"/>
        <source>--lsp-peer: give the LSP as NODEID@HOST:PORT (or none)</source>
        <translation>--lsp-peer: geben Sie den LSP als NODEID@HOST:PORT an (oder none)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="148"/>
        <source>give the invoice amount (0: the payer chooses it)</source>
        <translation>geben Sie den Rechnungsbetrag an (0: der Zahlende wählt ihn)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="149"/>
        <source>paying an offer needs a channel with a trampoline peer</source>
        <translation>um ein Angebot zu bezahlen, braucht es einen Kanal mit einem Trampolin-Knoten</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="168"/>
        <source>%1; without an LSP (--no-lsp) this payment cannot be received</source>
        <translation>%1; ohne LSP (--no-lsp) kann diese Zahlung nicht empfangen werden</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="169"/>
        <source>the timeout %1 is not a number</source>
        <translation>die Zeitgrenze %1 ist keine Zahl</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="170"/>
        <source>no transaction or payment of this wallet has this id</source>
        <translation>keine Transaktion und keine Zahlung dieser Wallet hat diese ID</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="171"/>
        <source>give the amount in sat or in msat, not both</source>
        <translation>geben Sie den Betrag in sat oder in msat an, nicht beides</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="172"/>
        <source>the amount must be positive</source>
        <translation>der Betrag muss positiv sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="173"/>
        <source>the maximum fee cannot be negative</source>
        <translation>die Höchstgebühr darf nicht negativ sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="178"/>
        <source>a payment request</source>
        <translation>eine Zahlungsanforderung</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="179"/>
        <source>a withdraw code</source>
        <translation>ein Abhebungscode</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="180"/>
        <source>a login request</source>
        <translation>eine Anmeldeanfrage</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="181"/>
        <source>the amount %1 is not a whole number</source>
        <translation>der Betrag %1 ist keine ganze Zahl</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="182"/>
        <source>Choose an amount to pay: %1 accepts %2 to %3.</source>
        <translation>Wählen Sie einen Betrag zum Bezahlen: %1 nimmt %2 bis %3 an.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="183"/>
        <source>%1 is outside what %2 accepts (%3 to %4).</source>
        <translation>%1 liegt außerhalb dessen, was %2 annimmt (%3 bis %4).</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="184"/>
        <source>The service %1 did not answer as an LNURL service does (no pay or withdraw request).</source>
        <translation>Der Dienst %1 hat nicht wie ein LNURL-Dienst geantwortet (keine Zahlungs- oder Abhebungsanfrage).</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="185"/>
        <source>the maximum fee %1 is not a whole number</source>
        <translation>die Höchstgebühr %1 ist keine ganze Zahl</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="186"/>
        <source>Choose an amount to withdraw: %1 accepts %2 to %3.</source>
        <translation>Wählen Sie einen Betrag zum Abheben: %1 nimmt %2 bis %3 an.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="187"/>
        <source>The service %1 offers a channel; Kite opens channels only with its own trampoline peers.</source>
        <translation>Der Dienst %1 bietet einen Kanal an; Kite öffnet Kanäle nur mit seinen eigenen Trampolin-Knoten.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="188"/>
        <source>The service %1 does not take a comment.</source>
        <translation>Der Dienst %1 nimmt keinen Kommentar an.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="189"/>
        <source>The service %1 takes comments of at most %2 characters.</source>
        <translation>Der Dienst %1 nimmt Kommentare von höchstens %2 Zeichen an.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="190"/>
        <source>Your channels can receive about %1 now, less than %2; nothing was asked of %3.</source>
        <translation>Ihre Kanäle können jetzt etwa %1 empfangen, weniger als %2; %3 wurde um nichts gebeten.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="191"/>
        <source>This LNURL is %1, not %2.</source>
        <translation>Diese LNURL ist %1, nicht %2.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="192"/>
        <source>Kite signs a login only when you agree: to %1 at %2, repeat with --yes.</source>
        <translation>Kite signiert eine Anmeldung nur mit Ihrer Zustimmung: Um %1 bei %2 zu tun, wiederholen Sie mit --yes.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="193"/>
        <source>Your wallet cannot receive over Lightning now (no channel has room to receive); nothing was asked of %1.</source>
        <translation>Ihre Wallet kann gerade nicht über Lightning empfangen (kein Kanal hat Platz zum Empfangen); %1 wurde um nichts gebeten.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="194"/>
        <source>no LSP is configured (start the daemon with --lsp-peer NODEID@HOST:PORT)</source>
        <translation>kein LSP eingerichtet (starten Sie den Daemon mit --lsp-peer NODEID@HOST:PORT)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="195"/>
        <source>could not reach the LSP at %1:%2: %3</source>
        <translation>der LSP unter %1:%2 war nicht erreichbar: %3</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="196"/>
        <source>an offer with an amount needs a description of what it is for</source>
        <translation>ein Angebot mit Betrag braucht eine Beschreibung, wofür es ist</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="197"/>
        <source>an offer needs a channel with a trampoline peer: payers reach this wallet through it</source>
        <translation>ein Angebot braucht einen Kanal mit einem Trampolin-Knoten: Über ihn erreichen Zahlende diese Wallet</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="198"/>
        <source>the description is over %1 characters</source>
        <translation>die Beschreibung ist länger als %1 Zeichen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="199"/>
        <source>this wallet already has %1 offers</source>
        <translation>diese Wallet hat bereits %1 Angebote</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="200"/>
        <source>cannot make this offer: %1</source>
        <translation>dieses Angebot kann nicht erstellt werden: %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="201"/>
        <source>a transaction id is 64 hexadecimal characters</source>
        <translation>eine Transaktions-ID besteht aus 64 Hexadezimalzeichen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1119"/>
        <source>the LSP offers no payment Kite can make for this order</source>
        <translation>der LSP bietet für diese Bestellung keine Zahlung an, die Kite leisten kann</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1123"/>
        <source>a new order&apos;s on-chain payment must be EXPECT_PAYMENT</source>
        <translation>die On-Chain-Zahlung einer neuen Bestellung muss EXPECT_PAYMENT sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1124"/>
        <source>the order&apos;s on-chain payment has already expired</source>
        <translation>die On-Chain-Zahlung der Bestellung ist bereits abgelaufen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1126"/>
        <source>the on-chain total must be 1 sat or more</source>
        <translation>der On-Chain-Gesamtbetrag muss mindestens 1 sat sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1127"/>
        <source>min_fee_for_0conf must be absent when confirmations are required</source>
        <translation>min_fee_for_0conf muss fehlen, wenn Bestätigungen verlangt werden</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1128"/>
        <source>the order&apos;s refund address is not the one given</source>
        <translation>die Erstattungsadresse der Bestellung ist nicht die angegebene</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1133"/>
        <source>the LSP dropped or added the order&apos;s Lightning payment</source>
        <translation>der LSP hat die Lightning-Zahlung der Bestellung entfernt oder hinzugefügt</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1134"/>
        <source>the LSP dropped or added the order&apos;s on-chain payment</source>
        <translation>der LSP hat die On-Chain-Zahlung der Bestellung entfernt oder hinzugefügt</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1135"/>
        <source>the LSP offers an on-chain payment with no refund address given</source>
        <translation>der LSP bietet eine On-Chain-Zahlung an, ohne dass eine Erstattungsadresse angegeben wurde</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1137"/>
        <source>the LSP changed the order&apos;s on-chain payment terms or address</source>
        <translation>der LSP hat die Bedingungen oder die Adresse der On-Chain-Zahlung geändert</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1139"/>
        <source>a COMPLETED order must have been paid</source>
        <translation>eine COMPLETED-Bestellung muss bezahlt worden sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1141"/>
        <source>an order whose on-chain payment is REFUNDED must be FAILED</source>
        <translation>eine Bestellung, deren On-Chain-Zahlung REFUNDED ist, muss FAILED sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1154"/>
        <source>the LSP asks %1 sat on-chain, above the %2 sat accepted</source>
        <translation>der LSP verlangt on-chain %1 sat, mehr als die akzeptierten %2 sat</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1155"/>
        <source>the LSP wants the payment %1 blocks deep, more than %2</source>
        <translation>der LSP will die Zahlung %1 Blöcke tief, mehr als %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1160"/>
        <source>the order&apos;s on-chain payment went from %1 back to %2</source>
        <translation>die On-Chain-Zahlung der Bestellung ging von %1 zurück zu %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1162"/>
        <source>the order&apos;s payment address cannot be paid: %1</source>
        <translation>an die Zahlungsadresse der Bestellung kann nicht gezahlt werden: %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1165"/>
        <source>fee rate must be between 1 and 10000 sat/vB</source>
        <translation>die Gebührenrate muss zwischen 1 und 10000 sat/vB liegen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="203"/>
        <source>amount must be positive</source>
        <translation>der Betrag muss positiv sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="204"/>
        <source>amount is more than all the bitcoin there will ever be</source>
        <translation>der Betrag ist größer als alle Bitcoin, die es je geben wird</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1166"/>
        <source>the expected fee must be a whole number of sat</source>
        <translation>die erwartete Gebühr muss eine ganze Zahl in sat sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="205"/>
        <source>give the new fee rate (sat/vB)</source>
        <translation>geben Sie die neue Gebührenrate an (sat/vB)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="206"/>
        <source>Not sped up by replacing it: this transaction opens a Lightning channel, and a replacement would change the channel&apos;s funding and break it. Speed it up by spending its change instead (CPFP: `kite cpfp`).</source>
        <translation>Nicht durch Ersetzen beschleunigt: Diese Transaktion öffnet einen Lightning-Kanal, und ein Ersatz würde die Finanzierung des Kanals ändern und ihn zerstören. Beschleunigen Sie sie stattdessen, indem Sie ihr Wechselgeld ausgeben (CPFP: `kite cpfp`).</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="207"/>
        <source>give the package fee rate (sat/vB)</source>
        <translation>geben Sie die Gebührenrate des Pakets an (sat/vB)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="150"/>
        <source>the channel amount (sat) %1 is not a whole number</source>
        <translation>der Kanalbetrag (sat) %1 ist keine ganze Zahl</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="151"/>
        <source>the channel amount (sat) must be positive</source>
        <translation>der Kanalbetrag (sat) muss positiv sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="152"/>
        <source>the invoice amount (msat) %1 is not a whole number</source>
        <translation>der Rechnungsbetrag (msat) %1 ist keine ganze Zahl</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="153"/>
        <source>the invoice amount (msat) must be positive</source>
        <translation>der Rechnungsbetrag (msat) muss positiv sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="154"/>
        <source>the invoice amount (sat) %1 is not a whole number</source>
        <translation>der Rechnungsbetrag (sat) %1 ist keine ganze Zahl</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="155"/>
        <source>the invoice amount (sat) must be positive</source>
        <translation>der Rechnungsbetrag (sat) muss positiv sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="156"/>
        <source>the invoice expiry (seconds) %1 is not a whole number</source>
        <translation>die Gültigkeit der Rechnung (Sekunden) %1 ist keine ganze Zahl</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="157"/>
        <source>the invoice expiry (seconds) must be positive</source>
        <translation>die Gültigkeit der Rechnung (Sekunden) muss positiv sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="158"/>
        <source>the maximum LSP fee (sat) %1 is not a whole number</source>
        <translation>die höchste LSP-Gebühr (sat) %1 ist keine ganze Zahl</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="159"/>
        <source>the maximum LSP fee (sat) cannot be negative</source>
        <translation>die höchste LSP-Gebühr (sat) darf nicht negativ sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="160"/>
        <source>the amount (sat) %1 is not a whole number</source>
        <translation>der Betrag (sat) %1 ist keine ganze Zahl</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="161"/>
        <source>the amount (sat) must be positive</source>
        <translation>der Betrag (sat) muss positiv sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="162"/>
        <source>the maximum fee (sat) %1 is not a whole number</source>
        <translation>die Höchstgebühr (sat) %1 ist keine ganze Zahl</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="163"/>
        <source>the maximum fee (sat) cannot be negative</source>
        <translation>die Höchstgebühr (sat) darf nicht negativ sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="164"/>
        <source>the quantity %1 is not a whole number</source>
        <translation>die Menge %1 ist keine ganze Zahl</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="165"/>
        <source>the quantity must be positive</source>
        <translation>die Menge muss positiv sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="166"/>
        <source>the limit %1 is not a whole number</source>
        <translation>die Obergrenze %1 ist keine ganze Zahl</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="167"/>
        <source>the limit must be positive</source>
        <translation>die Obergrenze muss positiv sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="174"/>
        <source>the timeout %1 is not a number of seconds</source>
        <translation>die Wartezeit %1 ist keine Anzahl von Sekunden</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="175"/>
        <source>the timeout must be between 0 and 3600 seconds</source>
        <translation>die Wartezeit muss zwischen 0 und 3600 Sekunden liegen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="176"/>
        <source>the wait %1 is not a number of seconds</source>
        <translation>das Warten %1 ist keine Anzahl von Sekunden</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="177"/>
        <source>the wait must be between 0 and 3600 seconds</source>
        <translation>das Warten muss zwischen 0 und 3600 Sekunden liegen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="202"/>
        <source>the address must be text</source>
        <translation>die Adresse muss Text sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="208"/>
        <source>the address is %1 characters long; at most %2 are read</source>
        <translation>die Adresse ist %1 Zeichen lang; höchstens %2 werden gelesen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1167"/>
        <source>Not sent: the fee would now be %1 sat, not the %2 sat shown; check it again.</source>
        <translation>Nicht gesendet: Die Gebühr wäre jetzt %1 sat, nicht die angezeigten %2 sat; prüfen Sie sie erneut.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1169"/>
        <source>fee rate %1 is not a number (sat/vB)</source>
        <translation>die Gebührenrate %1 ist keine Zahl (sat/vB)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="209"/>
        <source>amount %1 is not a whole number of sat (or &apos;max&apos;)</source>
        <translation>der Betrag %1 ist keine ganze Zahl in sat (oder &apos;max&apos;)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1168"/>
        <source>Not sent: %1; check the fee and confirm it to send.</source>
        <translation>Nicht gesendet: %1; prüfen Sie die Gebühr und bestätigen Sie sie, um zu senden.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1170"/>
        <source>Nothing can be sent: your anchor channels need %1 sat kept on-chain to pay the fees of a force close, and the wallet has %2 sat.</source>
        <translation>Es kann nichts gesendet werden: Ihre Anchor-Kanäle brauchen %1 sat on-chain als Rücklage für die Gebühren einer erzwungenen Schließung, und die Wallet hat %2 sat.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="210"/>
        <source>%1 has no default Electrum server; use --server (or add one in the window&apos;s Settings)</source>
        <translation>%1 hat keinen voreingestellten Electrum-Server; verwenden Sie --server (oder fügen Sie in den Einstellungen des Fensters einen hinzu)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="211"/>
        <source>replacement refused: %1</source>
        <translation>Ersatz abgelehnt: %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="212"/>
        <source>recoverable channels is &apos;on&apos; or &apos;off&apos;</source>
        <translation>wiederherstellbare Kanäle ist &apos;on&apos; oder &apos;off&apos;</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="213"/>
        <source>an amount in whole sat is needed to pay through the daemon</source>
        <translation>um über den Daemon zu zahlen, wird ein Betrag in ganzen sat gebraucht</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="214"/>
        <source>the daemon did not answer %1 in time</source>
        <translation>der Daemon hat auf %1 nicht rechtzeitig geantwortet</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="215"/>
        <source>the daemon closed the connection</source>
        <translation>der Daemon hat die Verbindung geschlossen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="216"/>
        <source>the daemon&apos;s reply is not a JSON object</source>
        <translation>die Antwort des Daemons ist kein JSON-Objekt</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="217"/>
        <source>no daemon is running for this wallet; start one with `kite daemon`</source>
        <translation>für diese Wallet läuft kein Daemon; starten Sie einen mit `kite daemon`</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="218"/>
        <source>the daemon&apos;s reply is not JSON</source>
        <translation>die Antwort des Daemons ist kein JSON</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="219"/>
        <source>a daemon is already running for this wallet (%1)</source>
        <translation>für diese Wallet läuft bereits ein Daemon (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="220"/>
        <source>that is not an amount</source>
        <translation>das ist kein Betrag</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="221"/>
        <source>the amount must be more than zero</source>
        <translation>der Betrag muss größer als null sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="222"/>
        <source>Kite does not know the currency %1</source>
        <translation>Kite kennt die Währung %1 nicht</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="223"/>
        <source>The rate source %1 sent no price for %2.</source>
        <translation>Die Kursquelle %1 hat keinen Preis für %2 geschickt.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="224"/>
        <source>The rate source %1 sent an unreadable price.</source>
        <translation>Die Kursquelle %1 hat einen unlesbaren Preis geschickt.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="225"/>
        <source>The rate source %1 sent a price for %2 that cannot be right.</source>
        <translation>Die Kursquelle %1 hat einen Preis für %2 geschickt, der nicht stimmen kann.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="226"/>
        <source>%1 has %2 decimals at most</source>
        <translation>%1 hat höchstens %2 Nachkommastellen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="227"/>
        <source>A rate source must be reached over https.</source>
        <translation>Eine Kursquelle muss über https erreicht werden.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="228"/>
        <source>The rate source %1 answered with too much data.</source>
        <translation>Die Kursquelle %1 hat mit zu vielen Daten geantwortet.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="229"/>
        <source>Kite does not know the rate source %1.</source>
        <translation>Kite kennt die Kursquelle %1 nicht.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="230"/>
        <source>The rate source %1 sent a price far from the last one; the last one is kept.</source>
        <translation>Die Kursquelle %1 hat einen Preis weit weg vom letzten geschickt; der letzte wird behalten.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="231"/>
        <source>The rate source %1 did not answer within %2 seconds.</source>
        <translation>Die Kursquelle %1 hat nicht innerhalb von %2 Sekunden geantwortet.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="232"/>
        <source>The rate source %1 could not be reached.</source>
        <translation>Die Kursquelle %1 war nicht erreichbar.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="233"/>
        <source>The rate source %1 answered something that is not JSON.</source>
        <translation>Die Kursquelle %1 hat etwas geantwortet, das kein JSON ist.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="234"/>
        <source>The rate source %1 answered with an error (HTTP %2).</source>
        <translation>Die Kursquelle %1 hat mit einem Fehler geantwortet (HTTP %2).</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="235"/>
        <source>The rate source %1 answered something that is not a price.</source>
        <translation>Die Kursquelle %1 hat etwas geantwortet, das kein Preis ist.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="236"/>
        <source>The rate source %1 answered for another currency than %2.</source>
        <translation>Die Kursquelle %1 hat für eine andere Währung als %2 geantwortet.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="237"/>
        <source>The rate source %1 answered something that is not a price in %2.</source>
        <translation>Die Kursquelle %1 hat etwas geantwortet, das kein Preis in %2 ist.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="238"/>
        <source>A login challenge is 32 bytes.</source>
        <translation>Eine Anmelde-Challenge hat 32 Bytes.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="239"/>
        <source>The login request from %1 is not a login request.</source>
        <translation>Die Anmeldeanfrage von %1 ist keine Anmeldeanfrage.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="240"/>
        <source>The login request from %1 is malformed: its challenge (k1) is not 32 bytes in hexadecimal.</source>
        <translation>Die Anmeldeanfrage von %1 ist fehlerhaft: Ihre Challenge (k1) ist nicht 32 Bytes in Hexadezimal.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="241"/>
        <source>The login request from %1 asks for an action Kite does not know.</source>
        <translation>Die Anmeldeanfrage von %1 verlangt eine Aktion, die Kite nicht kennt.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="242"/>
        <source>The login request from %1 is malformed: it already carries a signature.</source>
        <translation>Die Anmeldeanfrage von %1 ist fehlerhaft: Sie trägt bereits eine Signatur.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="243"/>
        <source>The service %1 redirected too many times.</source>
        <translation>Der Dienst %1 hat zu oft weitergeleitet.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="244"/>
        <source>The service %1 answered with too much data.</source>
        <translation>Der Dienst %1 hat mit zu vielen Daten geantwortet.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="245"/>
        <source>The service %1 did not answer within %2 seconds.</source>
        <translation>Der Dienst %1 hat nicht innerhalb von %2 Sekunden geantwortet.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="246"/>
        <source>The service %1 could not prove who it is (its HTTPS certificate is not valid).</source>
        <translation>Der Dienst %1 konnte nicht nachweisen, wer er ist (sein HTTPS-Zertifikat ist ungültig).</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="247"/>
        <source>The service %1 could not be reached.</source>
        <translation>Der Dienst %1 war nicht erreichbar.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="248"/>
        <source>The service %1 redirected to nowhere.</source>
        <translation>Der Dienst %1 hat ins Leere weitergeleitet.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="249"/>
        <source>The service %1 redirected to another site (%2); Kite does not follow it.</source>
        <translation>Der Dienst %1 hat auf eine andere Website weitergeleitet (%2); Kite folgt dem nicht.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="250"/>
        <source>The service %1 redirects in a loop.</source>
        <translation>Der Dienst %1 leitet im Kreis weiter.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="251"/>
        <source>The service %1 sent an invoice for %2, but your wallet is on %3; nothing was paid.</source>
        <translation>Der Dienst %1 hat eine Rechnung für %2 geschickt, aber Ihre Wallet ist auf %3; es wurde nichts bezahlt.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="252"/>
        <source>The service %1 sent an invoice for %2, but you chose %3; nothing was paid.</source>
        <translation>Der Dienst %1 hat eine Rechnung über %2 geschickt, aber Sie haben %3 gewählt; es wurde nichts bezahlt.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="253"/>
        <source>The service %1 sent an invoice that does not match the description it showed; nothing was paid.</source>
        <translation>Der Dienst %1 hat eine Rechnung geschickt, die nicht zur gezeigten Beschreibung passt; es wurde nichts bezahlt.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="254"/>
        <source>The service %1 sent an invoice that has already expired; nothing was paid.</source>
        <translation>Der Dienst %1 hat eine bereits abgelaufene Rechnung geschickt; es wurde nichts bezahlt.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="255"/>
        <source>The service %1 sent an invoice Kite cannot read; nothing was paid.</source>
        <translation>Der Dienst %1 hat eine Rechnung geschickt, die Kite nicht lesen kann; es wurde nichts bezahlt.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="256"/>
        <source>That is not an LNURL or a Lightning address.</source>
        <translation>Das ist weder eine LNURL noch eine Lightning-Adresse.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="257"/>
        <source>This is an LNURL channel request; Kite opens channels only with its own trampoline peers.</source>
        <translation>Das ist eine LNURL-Kanalanfrage; Kite öffnet Kanäle nur mit seinen eigenen Trampolin-Knoten.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="258"/>
        <source>This LNURL holds a web address without a valid host name.</source>
        <translation>Diese LNURL enthält eine Webadresse ohne gültigen Hostnamen.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="259"/>
        <source>This Lightning address has characters a Lightning address cannot have before the @ (only a-z, 0-9, &apos;-&apos;, &apos;_&apos; and &apos;.&apos;).</source>
        <translation>Diese Lightning-Adresse hat vor dem @ Zeichen, die eine Lightning-Adresse nicht haben kann (nur a-z, 0-9, &apos;-&apos;, &apos;_&apos; und &apos;.&apos;).</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="260"/>
        <source>This Lightning address has no valid domain after the @.</source>
        <translation>Diese Lightning-Adresse hat nach dem @ keine gültige Domain.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="261"/>
        <source>Paste or scan an LNURL or a Lightning address.</source>
        <translation>Fügen Sie eine LNURL oder eine Lightning-Adresse ein oder scannen Sie sie.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="262"/>
        <source>That is far too long to be an LNURL or a Lightning address.</source>
        <translation>Das ist viel zu lang für eine LNURL oder eine Lightning-Adresse.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="263"/>
        <source>This LNURL is damaged: check that it was copied completely.</source>
        <translation>Diese LNURL ist beschädigt: Prüfen Sie, ob sie vollständig kopiert wurde.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="264"/>
        <source>This LNURL is damaged: it does not hold readable text.</source>
        <translation>Diese LNURL ist beschädigt: Sie enthält keinen lesbaren Text.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="265"/>
        <source>This payment request is damaged: its lightning= part cannot be read.</source>
        <translation>Diese Zahlungsanforderung ist beschädigt: Ihr lightning=-Teil ist nicht lesbar.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="266"/>
        <source>prefix %1 is not %2</source>
        <translation>das Präfix %1 ist nicht %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="267"/>
        <source>The service %1 sent %2.</source>
        <translation>Der Dienst %1 hat %2 geschickt.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="268"/>
        <source>%1 is not JSON</source>
        <translation>%1 ist kein JSON</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="269"/>
        <source>The service %1 did not answer as an LNURL service does (its answer is not a JSON object).</source>
        <translation>Der Dienst %1 hat nicht wie ein LNURL-Dienst geantwortet (seine Antwort ist kein JSON-Objekt).</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="270"/>
        <source>a request without a valid %1</source>
        <translation>eine Anfrage ohne gültiges Feld %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="271"/>
        <source>a %1 that is too long</source>
        <translation>ein zu langes Feld %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="272"/>
        <source>an impossible %1</source>
        <translation>einen unmöglichen Wert für %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="273"/>
        <source>The service %1 did not answer as an LNURL service does (expected a %2).</source>
        <translation>Der Dienst %1 hat nicht wie ein LNURL-Dienst geantwortet (erwartet: %2).</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="274"/>
        <source>metadata that is too large</source>
        <translation>zu große Metadaten</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="275"/>
        <source>a description Kite cannot read</source>
        <translation>eine Beschreibung, die Kite nicht lesen kann</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="276"/>
        <source>too many metadata entries</source>
        <translation>zu viele Metadaten-Einträge</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="277"/>
        <source>a request without a description</source>
        <translation>eine Anfrage ohne Beschreibung</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="278"/>
        <source>a description that is too long</source>
        <translation>eine zu lange Beschreibung</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="279"/>
        <source>a long description that is too long</source>
        <translation>eine zu lange ausführliche Beschreibung</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="280"/>
        <source>an identifier that is too long</source>
        <translation>eine zu lange Kennung</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="281"/>
        <source>a minimum amount of zero</source>
        <translation>einen Mindestbetrag von null</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="282"/>
        <source>The service %1 says its minimum (%2) is above its maximum (%3).</source>
        <translation>Der Dienst %1 gibt ein Minimum (%2) über seinem Maximum (%3) an.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="283"/>
        <source>a request with an invalid commentAllowed</source>
        <translation>eine Anfrage mit ungültigem commentAllowed</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="284"/>
        <source>no invoice</source>
        <translation>keine Rechnung</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="285"/>
        <source>an invoice that is too long</source>
        <translation>eine zu lange Rechnung</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="286"/>
        <source>a withdraw request without its k1</source>
        <translation>eine Abhebungsanfrage ohne ihr k1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="287"/>
        <source>a description that is too long for an invoice</source>
        <translation>eine Beschreibung, die für eine Rechnung zu lang ist</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="288"/>
        <source>The service %1 offers nothing to withdraw.</source>
        <translation>Der Dienst %1 bietet nichts zum Abheben an.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="289"/>
        <source>The service %1 did not confirm (no status OK in its answer).</source>
        <translation>Der Dienst %1 hat nicht bestätigt (kein Status OK in seiner Antwort).</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="290"/>
        <source>The service %1 did not answer as an LNURL service does (its answer is not JSON).</source>
        <translation>Der Dienst %1 hat nicht wie ein LNURL-Dienst geantwortet (seine Antwort ist kein JSON).</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="291"/>
        <source>a description Kite cannot read (its metadata is not JSON)</source>
        <translation>eine Beschreibung, die Kite nicht lesen kann (ihre Metadaten sind kein JSON)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="292"/>
        <source>an image that is too large</source>
        <translation>ein zu großes Bild</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="293"/>
        <source>a description with two entries of one kind</source>
        <translation>eine Beschreibung mit zwei Einträgen derselben Art</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="294"/>
        <source>an image Kite cannot read</source>
        <translation>ein Bild, das Kite nicht lesen kann</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="295"/>
        <source>This confirmation is not an encrypted one.</source>
        <translation>Diese Bestätigung ist nicht verschlüsselt.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="296"/>
        <source>The service&apos;s encrypted confirmation does not open with this payment&apos;s key.</source>
        <translation>Die verschlüsselte Bestätigung des Dienstes lässt sich mit dem Schlüssel dieser Zahlung nicht öffnen.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="297"/>
        <source>The service %1 promised a confirmation without its %2; nothing was paid.</source>
        <translation>Der Dienst %1 hat eine Bestätigung ohne ihr Feld %2 versprochen; es wurde nichts bezahlt.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="298"/>
        <source>The service %1 promised a confirmation whose %2 is too long; nothing was paid.</source>
        <translation>Der Dienst %1 hat eine Bestätigung versprochen, deren Feld %2 zu lang ist; es wurde nichts bezahlt.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="299"/>
        <source>The service %1 promised a confirmation Kite cannot read; nothing was paid.</source>
        <translation>Der Dienst %1 hat eine Bestätigung versprochen, die Kite nicht lesen kann; es wurde nichts bezahlt.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="300"/>
        <source>The service %1 promised a kind of confirmation Kite cannot show; nothing was paid.</source>
        <translation>Der Dienst %1 hat eine Art von Bestätigung versprochen, die Kite nicht anzeigen kann; es wurde nichts bezahlt.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="301"/>
        <source>The service %1 promised an encrypted confirmation Kite cannot read; nothing was paid.</source>
        <translation>Der Dienst %1 hat eine verschlüsselte Bestätigung versprochen, die Kite nicht lesen kann; es wurde nichts bezahlt.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="302"/>
        <source>The service %1 promised a confirmation link to another site (%2); nothing was paid.</source>
        <translation>Der Dienst %1 hat einen Bestätigungslink zu einer anderen Website versprochen (%2); es wurde nichts bezahlt.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="303"/>
        <source>The service %1 promised a confirmation link Kite will not open; nothing was paid.</source>
        <translation>Der Dienst %1 hat einen Bestätigungslink versprochen, den Kite nicht öffnet; es wurde nichts bezahlt.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="304"/>
        <source>This LNURL is ambiguous: it gives the same parameter twice.</source>
        <translation>Diese LNURL ist mehrdeutig: Sie nennt denselben Parameter zweimal.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="305"/>
        <source>%1 does not hold a web address.</source>
        <translation>%1 enthält keine Webadresse.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="306"/>
        <source>%1 holds a web address that is too long.</source>
        <translation>%1 enthält eine zu lange Webadresse.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="307"/>
        <source>%1 holds a web address with characters that do not belong in one.</source>
        <translation>%1 enthält eine Webadresse mit Zeichen, die nicht in eine gehören.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="308"/>
        <source>%1 hides a user name in its web address; Kite does not call such addresses.</source>
        <translation>%1 versteckt einen Benutzernamen in seiner Webadresse; Kite ruft solche Adressen nicht auf.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="309"/>
        <source>%1 holds a web address without a valid host name.</source>
        <translation>%1 enthält eine Webadresse ohne gültigen Hostnamen.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="310"/>
        <source>%1 uses an unencrypted web address (http://); Kite only calls https:// addresses (or .onion ones).</source>
        <translation>%1 verwendet eine unverschlüsselte Webadresse (http://); Kite ruft nur https://-Adressen auf (oder .onion-Adressen).</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="311"/>
        <source>%1 holds a web address Kite cannot read.</source>
        <translation>%1 enthält eine Webadresse, die Kite nicht lesen kann.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="312"/>
        <source>extra outputs must be zero-value OP_RETURN outputs</source>
        <translation>zusätzliche Ausgaben müssen OP_RETURN-Ausgaben ohne Wert sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="313"/>
        <source>the transaction is already confirmed</source>
        <translation>die Transaktion ist bereits bestätigt</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="314"/>
        <source>the transaction does not signal replaceability (BIP 125)</source>
        <translation>die Transaktion signalisiert keine Ersetzbarkeit (BIP 125)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="315"/>
        <source>only transactions we sent ourselves can be bumped</source>
        <translation>nur Transaktionen, die wir selbst gesendet haben, können beschleunigt werden</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="316"/>
        <source>the transaction pays only ourselves; nothing to bump</source>
        <translation>die Transaktion zahlt nur an uns selbst; nichts zu beschleunigen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="317"/>
        <source>no unspent output of that transaction belongs to this wallet</source>
        <translation>kein unausgegebener Ausgang dieser Transaktion gehört zu dieser Wallet</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="318"/>
        <source>an input of this transaction is not ours</source>
        <translation>ein Eingang dieser Transaktion gehört nicht uns</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="319"/>
        <source>not enough funds to pay the higher fee</source>
        <translation>nicht genug Guthaben für die höhere Gebühr</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="320"/>
        <source>transaction %1 is not in this wallet</source>
        <translation>die Transaktion %1 ist nicht in dieser Wallet</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="321"/>
        <source>new fee rate must be above the current %1 sat/vB</source>
        <translation>die neue Gebührenrate muss über der aktuellen von %1 sat/vB liegen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="322"/>
        <source>our output of %1 sat cannot pay a child fee of %2 sat</source>
        <translation>unser Ausgang von %1 sat kann keine Kind-Gebühr von %2 sat bezahlen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="323"/>
        <source>amount %1 sat is below the dust limit</source>
        <translation>der Betrag von %1 sat liegt unter der Staubgrenze</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="324"/>
        <source>fee rate cannot be negative</source>
        <translation>die Gebührenrate darf nicht negativ sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="325"/>
        <source>no coins worth spending at this fee rate</source>
        <translation>bei dieser Gebührenrate lohnt sich keine Münze zum Ausgeben</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="326"/>
        <source>not enough funds: %1 sat plus fees needed, %2 sat spendable</source>
        <translation>nicht genug Guthaben: %1 sat plus Gebühren nötig, %2 sat verfügbar</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="327"/>
        <source>after a fee of %1 sat nothing worth sending is left</source>
        <translation>nach einer Gebühr von %1 sat bleibt nichts, das sich zu senden lohnt</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="328"/>
        <source>an address is text</source>
        <translation>eine Adresse ist Text</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="329"/>
        <source>empty address</source>
        <translation>leere Adresse</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="330"/>
        <source>%1 characters is far too long for an address</source>
        <translation>%1 Zeichen sind viel zu lang für eine Adresse</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="331"/>
        <source>%1 characters is too long for an address (at most %2)</source>
        <translation>%1 Zeichen sind zu lang für eine Adresse (höchstens %2)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="332"/>
        <source>address is not for %1</source>
        <translation>die Adresse ist nicht für %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="333"/>
        <source>not a valid %1 address (expected %2… or base58)</source>
        <translation>keine gültige %1-Adresse (erwartet: %2… oder Base58)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="334"/>
        <source>invalid address: %1</source>
        <translation>ungültige Adresse: %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="335"/>
        <source>a transaction needs at least one input</source>
        <translation>eine Transaktion braucht mindestens einen Eingang</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="336"/>
        <source>a transaction needs at least one output</source>
        <translation>eine Transaktion braucht mindestens einen Ausgang</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="337"/>
        <source>input %1: key does not match the coin&apos;s script</source>
        <translation>Eingang %1: Der Schlüssel passt nicht zum Skript der Münze</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="338"/>
        <source>transaction does not parse: %1</source>
        <translation>die Transaktion ist nicht lesbar: %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="339"/>
        <source>an invoice amount must be positive</source>
        <translation>ein Rechnungsbetrag muss positiv sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="340"/>
        <source>an invoice expiry must be a positive number of seconds</source>
        <translation>die Gültigkeit einer Rechnung muss eine positive Zahl von Sekunden sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="341"/>
        <source>no open channel with that peer to receive through</source>
        <translation>kein offener Kanal mit dieser Gegenstelle, über den empfangen werden kann</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="342"/>
        <source>this invoice has expired</source>
        <translation>diese Rechnung ist abgelaufen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="343"/>
        <source>this invoice has no amount: give one</source>
        <translation>diese Rechnung hat keinen Betrag: geben Sie einen an</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="344"/>
        <source>this invoice is our own</source>
        <translation>diese Rechnung ist unsere eigene</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="345"/>
        <source>the payment vanished from the log</source>
        <translation>die Zahlung ist aus dem Protokoll verschwunden</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="346"/>
        <source>payment failed for an unknown reason</source>
        <translation>Zahlung aus unbekanntem Grund fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="347"/>
        <source>no usable channel to pay through</source>
        <translation>kein nutzbarer Kanal, über den gezahlt werden kann</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="348"/>
        <source>the maximum fee allows no trampoline fee level</source>
        <translation>die Höchstgebühr lässt keine Trampolin-Gebührenstufe zu</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="349"/>
        <source>this invoice has its own amount: give none, or the same one</source>
        <translation>diese Rechnung hat einen eigenen Betrag: geben Sie keinen an oder denselben</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="350"/>
        <source>this invoice is already being paid</source>
        <translation>diese Rechnung wird bereits bezahlt</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="351"/>
        <source>no answer yet: the payment is still pending</source>
        <translation>noch keine Antwort: Die Zahlung ist noch ausstehend</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="352"/>
        <source>this invoice is our own, or already paid or being paid</source>
        <translation>diese Rechnung ist unsere eigene oder schon bezahlt oder wird gerade bezahlt</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="353"/>
        <source>the node stopped: the payment is watched again when it starts</source>
        <translation>der Knoten wurde angehalten: Die Zahlung wird wieder beobachtet, sobald er startet</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="354"/>
        <source>%1, from node %2</source>
        <translation>%1, von Knoten %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="355"/>
        <source>payment failed: %1</source>
        <translation>Zahlung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="356"/>
        <source>%1; the fee budget (%2 sat) is exhausted</source>
        <translation>%1; das Gebührenbudget (%2 sat) ist ausgeschöpft</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="357"/>
        <source>%1, from an unknown node</source>
        <translation>%1, von einem unbekannten Knoten</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="358"/>
        <source>%1, from the recipient %2</source>
        <translation>%1, vom Empfänger %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="359"/>
        <source>%1, from our peer %2</source>
        <translation>%1, von unserer Gegenstelle %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="360"/>
        <source>settled with another payment&apos;s preimage (a reused HTLC id)</source>
        <translation>mit dem Preimage einer anderen Zahlung abgeschlossen (eine wiederverwendete HTLC-ID)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="361"/>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="362"/>
        <source>this invoice is for %1, not %2</source>
        <translation>diese Rechnung ist für %1, nicht für %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="363"/>
        <source>this invoice is already paid (preimage %1)</source>
        <translation>diese Rechnung ist bereits bezahlt (Preimage %1)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="365"/>
        <source>no part was sent</source>
        <translation>kein Teil wurde gesendet</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="367"/>
        <source>the channel with the payee is not usable right now (%1): try again shortly</source>
        <translation>der Kanal zum Empfänger ist gerade nicht nutzbar (%1): Versuchen Sie es gleich noch einmal</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="368"/>
        <source>our peer could not read the onion: %1</source>
        <translation>unsere Gegenstelle konnte die Onion nicht lesen: %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="369"/>
        <source>interrupted by a restart; %1</source>
        <translation>durch einen Neustart unterbrochen; %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="370"/>
        <source>interrupted by a restart</source>
        <translation>durch einen Neustart unterbrochen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="371"/>
        <source>internal error: %1</source>
        <translation>interner Fehler: %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="366"/>
        <source>cannot send: %1</source>
        <translation>Senden nicht möglich: %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="372"/>
        <source>no HTLC switch wired to the channel manager</source>
        <translation>keine HTLC-Vermittlung mit der Kanalverwaltung verbunden</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="373"/>
        <source>the funding transaction has no channel output</source>
        <translation>die Finanzierungstransaktion hat keinen Kanalausgang</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="374"/>
        <source>the peer did not complete the channel opening</source>
        <translation>die Gegenstelle hat die Kanaleröffnung nicht abgeschlossen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="375"/>
        <source>the channel could not be opened: %1</source>
        <translation>der Kanal konnte nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="376"/>
        <source>no channel matches %1</source>
        <translation>kein Kanal passt zu %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="377"/>
        <source>%1 matches more than one channel; give more of its id</source>
        <translation>%1 passt zu mehr als einem Kanal; geben Sie mehr von seiner ID an</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="428"/>
        <source>the payment hash must be %1 bytes</source>
        <translation>der Zahlungs-Hash muss %1 Bytes lang sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="429"/>
        <source>the payment secret must be %1 bytes</source>
        <translation>das Zahlungsgeheimnis muss %1 Bytes lang sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="582"/>
        <source>the offer requires features Kite does not know (bit %1)</source>
        <translation>das Angebot verlangt Features, die Kite nicht kennt (Bit %1)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="732"/>
        <source>the payment failed (%1)</source>
        <translation>die Zahlung ist fehlgeschlagen (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="864"/>
        <source>the funding transaction does not parse as a transaction</source>
        <translation>die Finanzierungstransaktion lässt sich nicht als Transaktion lesen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="865"/>
        <source>a funding input&apos;s transaction does not parse as a transaction</source>
        <translation>die Transaktion eines Finanzierungseingangs lässt sich nicht als Transaktion lesen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="866"/>
        <source>a transaction of the watched script does not parse as a transaction</source>
        <translation>eine Transaktion des beobachteten Skripts lässt sich nicht als Transaktion lesen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="867"/>
        <source>a transaction of an input does not parse as a transaction</source>
        <translation>eine Transaktion eines Eingangs lässt sich nicht als Transaktion lesen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="868"/>
        <source>no usable Electrum server: none is configured</source>
        <translation>kein nutzbarer Electrum-Server: Es ist keiner eingerichtet</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="919"/>
        <source>abandoned: sweeping it (%1 sat) leaves dust even at the relay floor of %2 sat/kw, so no fee is spent on it</source>
        <translation>aufgegeben: Das Einsammeln (%1 sat) lässt selbst bei der Mindestrate von %2 sat/kw nur Staub übrig, daher wird keine Gebühr dafür ausgegeben</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="920"/>
        <source>abandoned: sweeping the output of its %1 transaction (%2 sat) leaves dust even at the relay floor of %3 sat/kw, so no fee is spent on it</source>
        <translation>aufgegeben: Das Einsammeln des Ausgangs seiner %1-Transaktion (%2 sat) lässt selbst bei der Mindestrate von %3 sat/kw nur Staub übrig, daher wird keine Gebühr dafür ausgegeben</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="940"/>
        <source>bytes left over after the domain</source>
        <translation>Bytes übrig nach der Domain</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="941"/>
        <source>name or domain holds a character other than letters, digits, - _ .</source>
        <translation>Name oder Domain enthält ein anderes Zeichen als Buchstaben, Ziffern, - _ .</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="942"/>
        <source>BIP 353 name or domain over 255 bytes</source>
        <translation>BIP-353-Name oder -Domain über 255 Bytes</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="943"/>
        <source>not valid UTF-8</source>
        <translation>kein gültiges UTF-8</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="948"/>
        <source>%1 bytes is not a whole number of 32-byte chain hashes</source>
        <translation>%1 Bytes sind keine ganze Zahl von Chain-Hashes zu 32 Bytes</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="949"/>
        <source>%1 has no field named %2</source>
        <translation>%1 hat kein Feld namens %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="950"/>
        <source>%1 of %2 bytes is over %3</source>
        <translation>%1 mit %2 Bytes ist über %3</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="951"/>
        <source>expected %1 bytes, got %2</source>
        <translation>%1 Bytes erwartet, %2 erhalten</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="953"/>
        <source>%1 holds field %2, outside its type ranges</source>
        <translation>%1 enthält das Feld %2 außerhalb der erlaubten Typbereiche</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="954"/>
        <source>%1 cannot hold field %2</source>
        <translation>%1 kann das Feld %2 nicht enthalten</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="955"/>
        <source>%1 holds unknown even field %2</source>
        <translation>%1 enthält das unbekannte gerade Feld %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="958"/>
        <source>not a BOLT 12 offer, request or invoice: %1</source>
        <translation>kein BOLT-12-Angebot, keine Anfrage und keine Rechnung: %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="959"/>
        <source>TLV %1: %2</source>
        <translation>TLV %1: %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="960"/>
        <source>TLV type out of range: %1</source>
        <translation>TLV-Typ außerhalb des Bereichs: %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="961"/>
        <source>TLV record %1: value must be bytes</source>
        <translation>TLV-Eintrag %1: Der Wert muss aus Bytes bestehen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="962"/>
        <source>TLV record %1: value of %2 bytes runs past the end of the stream</source>
        <translation>TLV-Eintrag %1: Der Wert von %2 Bytes reicht über das Ende des Datenstroms hinaus</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="963"/>
        <source>TLV record %1: type out of order (types must strictly increase)</source>
        <translation>TLV-Eintrag %1: Typ außer der Reihe (Typen müssen streng aufsteigen)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="964"/>
        <source>TLV record %1: unknown even type</source>
        <translation>TLV-Eintrag %1: unbekannter gerader Typ</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="965"/>
        <source>%1: %2 bytes left over (value longer than its encoding)</source>
        <translation>%1: %2 Bytes übrig (Wert länger als seine Kodierung)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="966"/>
        <source>namespace %1: duplicate record type or name</source>
        <translation>Namensraum %1: doppelter Eintragstyp oder -name</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="967"/>
        <source>TLV record %1: duplicate type (types must strictly increase)</source>
        <translation>TLV-Eintrag %1: doppelter Typ (Typen müssen streng aufsteigen)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="968"/>
        <source>%1: a record without fields takes the value True</source>
        <translation>%1: Ein Eintrag ohne Felder nimmt den Wert True an</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="969"/>
        <source>%1: expected a tuple of %2 fields</source>
        <translation>%1: ein Tupel aus %2 Feldern erwartet</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="970"/>
        <source>extra TLV record %1 clashes with a known record</source>
        <translation>der zusätzliche TLV-Eintrag %1 kollidiert mit einem bekannten Eintrag</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="971"/>
        <source>namespace %1 has no record named %2</source>
        <translation>Namensraum %1 hat keinen Eintrag namens %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="972"/>
        <source>BigSize: unexpected end of data</source>
        <translation>BigSize: unerwartetes Ende der Daten</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="973"/>
        <source>BigSize: decoded value is not canonical (not minimally encoded)</source>
        <translation>BigSize: Der dekodierte Wert ist nicht kanonisch (nicht minimal kodiert)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="974"/>
        <source>BigSize value out of range: %1</source>
        <translation>BigSize-Wert außerhalb des Bereichs: %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="975"/>
        <source>%1: %2 does not fit in %3 unsigned bytes</source>
        <translation>%1: %2 passt nicht in %3 vorzeichenlose Bytes</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="976"/>
        <source>u%1: expected %2 bytes, got %3</source>
        <translation>u%1: %2 Bytes erwartet, %3 erhalten</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="977"/>
        <source>tu%1: %2 bytes is longer than %3</source>
        <translation>tu%1: %2 Bytes sind länger als %3</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="978"/>
        <source>tu%1: encoding is not minimal (leading zero byte)</source>
        <translation>tu%1: Die Kodierung ist nicht minimal (führendes Null-Byte)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="979"/>
        <source>s%1: %2 out of range</source>
        <translation>s%1: %2 außerhalb des Bereichs</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="980"/>
        <source>s%1: expected %2 bytes, got %3</source>
        <translation>s%1: %2 Bytes erwartet, %3 erhalten</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="981"/>
        <source>%1: expected a %2-byte compressed public key</source>
        <translation>%1: komprimierter öffentlicher Schlüssel von %2 Bytes erwartet</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="982"/>
        <source>%1: not a valid point (bad prefix byte %2)</source>
        <translation>%1: kein gültiger Punkt (falsches Präfix-Byte %2)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="983"/>
        <source>%1: not a valid point (not on the curve)</source>
        <translation>%1: kein gültiger Punkt (nicht auf der Kurve)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="984"/>
        <source>short_channel_id: expected BLOCKxTXxOUTPUT, got %1</source>
        <translation>short_channel_id: BLOCKxTXxOUTPUT erwartet, %1 erhalten</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="985"/>
        <source>short_channel_id: component out of range in %1</source>
        <translation>short_channel_id: Bestandteil außerhalb des Bereichs in %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="986"/>
        <source>%1: unexpected end of data (needed %2 bytes, %3 left)</source>
        <translation>%1: unerwartetes Ende der Daten (%2 Bytes nötig, %3 übrig)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="987"/>
        <source>unknown even message type %1</source>
        <translation>unbekannter gerader Nachrichtentyp %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="988"/>
        <source>blinded_path: a path with no hop</source>
        <translation>blinded_path: ein Weg ohne Sprung</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="989"/>
        <source>blinded paths: the field holds no path</source>
        <translation>verblindete Wege: Das Feld enthält keinen Weg</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="990"/>
        <source>blinded paths: at least one path</source>
        <translation>verblindete Wege: mindestens ein Weg</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="991"/>
        <source>blinded_path: a path needs at least one hop</source>
        <translation>blinded_path: Ein Weg braucht mindestens einen Sprung</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="992"/>
        <source>blinded_path: at most 255 hops</source>
        <translation>blinded_path: höchstens 255 Sprünge</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="993"/>
        <source>blinded_payinfo: features over 65535 bytes</source>
        <translation>blinded_payinfo: Features über 65535 Bytes</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="994"/>
        <source>onionmsg_hop: encrypted_recipient_data over 65535 bytes</source>
        <translation>onionmsg_hop: encrypted_recipient_data über 65535 Bytes</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="995"/>
        <source>%1: neither a public key nor a direction and channel (byte %2)</source>
        <translation>%1: weder ein öffentlicher Schlüssel noch Richtung und Kanal (Byte %2)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="996"/>
        <source>blinded_payinfo: %1</source>
        <translation>blinded_payinfo: %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="997"/>
        <source>value does not fit in %1 bits</source>
        <translation>der Wert passt nicht in %1 Bits</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="998"/>
        <source>txid must be 32 bytes</source>
        <translation>die txid muss 32 Bytes lang sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="999"/>
        <source>a transaction alone in its block must be at position 0</source>
        <translation>eine Transaktion allein in ihrem Block muss an Position 0 stehen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1000"/>
        <source>Merkle branch is not hex</source>
        <translation>der Merkle-Zweig ist kein Hex</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1001"/>
        <source>branch duplicates a node on the right side</source>
        <translation>der Zweig verdoppelt einen Knoten auf der rechten Seite</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1002"/>
        <source>position %1 does not fit a branch of %2 levels</source>
        <translation>Position %1 passt nicht zu einem Zweig mit %2 Ebenen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1003"/>
        <source>Merkle proof for %1 does not match the block header</source>
        <translation>der Merkle-Nachweis für %1 passt nicht zum Block-Header</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1004"/>
        <source>branch element %1 is not 32 bytes</source>
        <translation>Zweigelement %1 ist nicht 32 Bytes lang</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1005"/>
        <source>a checkpoint tail is 1 to 11 whole headers</source>
        <translation>das Ende eines Prüfpunkts umfasst 1 bis 11 ganze Header</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1006"/>
        <source>headers must end at a checkpoint height</source>
        <translation>Header müssen auf der Höhe eines Prüfpunkts enden</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1007"/>
        <source>%1 bytes is not a whole, non-empty number of headers</source>
        <translation>%1 Bytes sind keine ganze, nicht leere Anzahl von Headern</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1008"/>
        <source>checkpoint %1 is not at the end of a retarget period</source>
        <translation>Prüfpunkt %1 liegt nicht am Ende einer Anpassungsperiode</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="378"/>
        <source>no channel number %1</source>
        <translation>kein Kanal mit der Nummer %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="379"/>
        <source>channel %1 not ready: %2</source>
        <translation>Kanal %1 ist nicht bereit: %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="380"/>
        <source>This offer names neither its issuer nor a path to it.</source>
        <translation>Dieses Angebot nennt weder seinen Aussteller noch einen Weg zu ihm.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="381"/>
        <source>This offer has expired.</source>
        <translation>Dieses Angebot ist abgelaufen.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="382"/>
        <source>The offer&apos;s issuer answered with neither an invoice nor an error.</source>
        <translation>Der Aussteller des Angebots hat weder mit einer Rechnung noch mit einem Fehler geantwortet.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="383"/>
        <source>Kite could not send the invoice request: no connected peer leads to the offer.</source>
        <translation>Kite konnte die Rechnungsanfrage nicht senden: Keine verbundene Gegenstelle führt zum Angebot.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="384"/>
        <source>this request is for no offer of ours</source>
        <translation>diese Anfrage gilt keinem unserer Angebote</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="385"/>
        <source>The offer&apos;s issuer refused: %1.</source>
        <translation>Der Aussteller des Angebots hat abgelehnt: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="386"/>
        <source>The offer&apos;s issuer sent no invoice within %1 seconds.</source>
        <translation>Der Aussteller des Angebots hat innerhalb von %1 Sekunden keine Rechnung geschickt.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="387"/>
        <source>The offer&apos;s issuer sent an invoice Kite cannot accept: %1.</source>
        <translation>Der Aussteller des Angebots hat eine Rechnung geschickt, die Kite nicht annehmen kann: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="388"/>
        <source>The offer&apos;s issuer refused, with an unreadable reason (%1).</source>
        <translation>Der Aussteller des Angebots hat abgelehnt, mit einem unlesbaren Grund (%1).</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="389"/>
        <source>the LSP asks to be trusted with an unbroadcast funding transaction; Kite does not accept that</source>
        <translation>der LSP verlangt Vertrauen für eine nicht veröffentlichte Finanzierungstransaktion; das akzeptiert Kite nicht</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="390"/>
        <source>the LSP says its fee offer is no longer valid</source>
        <translation>der LSP sagt, sein Gebührenangebot gilt nicht mehr</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="391"/>
        <source>the LSP says the amount is too small for a new channel</source>
        <translation>der LSP sagt, der Betrag ist zu klein für einen neuen Kanal</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="392"/>
        <source>the LSP says the amount is too large for a new channel</source>
        <translation>der LSP sagt, der Betrag ist zu groß für einen neuen Kanal</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="393"/>
        <source>the LSP refused to serve this wallet</source>
        <translation>der LSP lehnt es ab, diese Wallet zu bedienen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="394"/>
        <source>the LSP could not answer %1 (error %2)</source>
        <translation>der LSP konnte %1 nicht beantworten (Fehler %2)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="395"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="396"/>
        <source>the LSP could not list its protocols (error %1)</source>
        <translation>der LSP konnte seine Protokolle nicht auflisten (Fehler %1)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="397"/>
        <source>an invoice must be text</source>
        <translation>eine Rechnung muss Text sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="398"/>
        <source>bad checksum: invoices use bech32, this string uses bech32m</source>
        <translation>falsche Prüfsumme: Rechnungen verwenden bech32, dieser Text verwendet bech32m</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="399"/>
        <source>too short: no room for a timestamp and a signature</source>
        <translation>zu kurz: kein Platz für Zeitstempel und Signatur</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="400"/>
        <source>features (&apos;9&apos; field) are not minimally encoded (leading zero)</source>
        <translation>die Features (Feld &apos;9&apos;) sind nicht minimal kodiert (führende Null)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="401"/>
        <source>invoice has no payment hash (&apos;p&apos; field)</source>
        <translation>die Rechnung hat keinen Zahlungs-Hash (Feld &apos;p&apos;)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="402"/>
        <source>invoice has no payment secret (&apos;s&apos; field)</source>
        <translation>die Rechnung hat kein Zahlungsgeheimnis (Feld &apos;s&apos;)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="403"/>
        <source>invoice has both a description (&apos;d&apos;) and a description hash (&apos;h&apos;)</source>
        <translation>die Rechnung hat sowohl eine Beschreibung (&apos;d&apos;) als auch einen Beschreibungs-Hash (&apos;h&apos;)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="404"/>
        <source>invoice has neither a description (&apos;d&apos;) nor a description hash (&apos;h&apos;)</source>
        <translation>die Rechnung hat weder eine Beschreibung (&apos;d&apos;) noch einen Beschreibungs-Hash (&apos;h&apos;)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="405"/>
        <source>signature is invalid (r or s out of range)</source>
        <translation>die Signatur ist ungültig (r oder s außerhalb des Bereichs)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="406"/>
        <source>description must be text</source>
        <translation>die Beschreibung muss Text sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="407"/>
        <source>metadata must be bytes</source>
        <translation>die Metadaten müssen Bytes sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="408"/>
        <source>fallbacks must be Fallback values</source>
        <translation>Ausweichadressen müssen Fallback-Werte sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="409"/>
        <source>route hints must be lists of RouteHintHop values</source>
        <translation>Routenhinweise müssen Listen von RouteHintHop-Werten sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="410"/>
        <source>an invoice needs exactly one of a description and a description hash</source>
        <translation>eine Rechnung braucht genau eines von Beschreibung und Beschreibungs-Hash</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="411"/>
        <source>feature bits must be non-negative integers</source>
        <translation>Feature-Bits müssen nicht negative ganze Zahlen sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="412"/>
        <source>a route hint needs at least one hop</source>
        <translation>ein Routenhinweis braucht mindestens einen Sprung</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="413"/>
        <source>truncated tagged field at the end of the data part</source>
        <translation>abgeschnittenes Feld am Ende des Datenteils</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="414"/>
        <source>signature is not in low-S form, which is required when the invoice names its payee (&apos;n&apos; field)</source>
        <translation>die Signatur ist nicht in Low-S-Form, die nötig ist, wenn die Rechnung ihren Empfänger nennt (Feld &apos;n&apos;)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="415"/>
        <source>signature does not match the payee key (&apos;n&apos; field)</source>
        <translation>die Signatur passt nicht zum Schlüssel des Empfängers (Feld &apos;n&apos;)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="416"/>
        <source>signature is invalid: no public key can be recovered from it</source>
        <translation>die Signatur ist ungültig: Aus ihr lässt sich kein öffentlicher Schlüssel gewinnen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="417"/>
        <source>bad checksum: the invoice is mistyped or incomplete</source>
        <translation>falsche Prüfsumme: Die Rechnung ist falsch eingegeben oder unvollständig</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="418"/>
        <source>description (&apos;d&apos; field) is not valid UTF-8</source>
        <translation>die Beschreibung (Feld &apos;d&apos;) ist kein gültiges UTF-8</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="419"/>
        <source>the payee key is not a 33-byte compressed public key</source>
        <translation>der Schlüssel des Empfängers ist kein komprimierter öffentlicher Schlüssel von 33 Bytes</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="420"/>
        <source>the payee key is not a point on the curve</source>
        <translation>der Schlüssel des Empfängers ist kein Punkt auf der Kurve</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="421"/>
        <source>a route hint node key is not a 33-byte compressed public key</source>
        <translation>ein Knotenschlüssel eines Routenhinweises ist kein komprimierter öffentlicher Schlüssel von 33 Bytes</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="422"/>
        <source>a route hint node key is not a point on the curve</source>
        <translation>ein Knotenschlüssel eines Routenhinweises ist kein Punkt auf der Kurve</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="423"/>
        <source>the expiry (&apos;x&apos; field) is not minimally encoded (leading zero)</source>
        <translation>die Gültigkeit (Feld &apos;x&apos;) ist nicht minimal kodiert (führende Null)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="424"/>
        <source>the expiry (&apos;x&apos; field) is too large</source>
        <translation>die Gültigkeit (Feld &apos;x&apos;) ist zu groß</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="425"/>
        <source>min_final_cltv_expiry_delta (&apos;c&apos; field) is not minimally encoded (leading zero)</source>
        <translation>min_final_cltv_expiry_delta (Feld &apos;c&apos;) ist nicht minimal kodiert (führende Null)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="426"/>
        <source>min_final_cltv_expiry_delta (&apos;c&apos; field) is too large</source>
        <translation>min_final_cltv_expiry_delta (Feld &apos;c&apos;) ist zu groß</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="427"/>
        <source>fallback address %1 is not an address on %2</source>
        <translation>die Ausweichadresse %1 ist keine Adresse auf %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="430"/>
        <source>amount %1 is not a number followed by an optional multiplier (m, u, n, p)</source>
        <translation>der Betrag %1 ist keine Zahl mit optionalem Multiplikator (m, u, n, p)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="431"/>
        <source>amount %1 has a leading zero (or is zero)</source>
        <translation>der Betrag %1 hat eine führende Null (oder ist null)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="432"/>
        <source>amount %1 is too large</source>
        <translation>der Betrag %1 ist zu groß</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="433"/>
        <source>amount %1 is more than 21 million bitcoin</source>
        <translation>der Betrag %1 ist mehr als 21 Millionen Bitcoin</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="434"/>
        <source>This invoice is %1 characters long; Kite reads invoices of at most %2 characters.</source>
        <translation>Diese Rechnung ist %1 Zeichen lang; Kite liest Rechnungen von höchstens %2 Zeichen.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="435"/>
        <source>not a Lightning invoice: prefix %1 does not start with &apos;ln&apos;</source>
        <translation>keine Lightning-Rechnung: Das Präfix %1 beginnt nicht mit &apos;ln&apos;</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="436"/>
        <source>unknown currency prefix %1 (known: %2)</source>
        <translation>unbekanntes Währungspräfix %1 (bekannt: %2)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="437"/>
        <source>invoice requires unknown feature bit %1</source>
        <translation>die Rechnung verlangt das unbekannte Feature-Bit %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="438"/>
        <source>route hint (&apos;r&apos; field) of %1 bytes is not a whole number of %2-byte hops</source>
        <translation>der Routenhinweis (Feld &apos;r&apos;) von %1 Bytes ist keine ganze Zahl von Sprüngen zu %2 Bytes</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="439"/>
        <source>signature recovery id is %1, must be 0 to 3</source>
        <translation>die Recovery-ID der Signatur ist %1, sie muss 0 bis 3 sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="440"/>
        <source>route hint hop of %1 bytes, expected %2</source>
        <translation>Sprung eines Routenhinweises mit %1 Bytes, erwartet %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="441"/>
        <source>amount of %1 msat is out of range</source>
        <translation>der Betrag von %1 msat liegt außerhalb des Bereichs</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="442"/>
        <source>timestamp %1 does not fit in 35 bits</source>
        <translation>der Zeitstempel %1 passt nicht in 35 Bits</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="443"/>
        <source>the description hash must be %1 bytes</source>
        <translation>der Beschreibungs-Hash muss %1 Bytes lang sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="444"/>
        <source>not a valid invoice: %1</source>
        <translation>keine gültige Rechnung: %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="445"/>
        <source>field &apos;%1&apos; claims %2 characters but only %3 remain</source>
        <translation>das Feld &apos;%1&apos; beansprucht %2 Zeichen, aber nur %3 sind übrig</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="446"/>
        <source>invoice requires unknown feature bits %1 and %2 more</source>
        <translation>die Rechnung verlangt die unbekannten Feature-Bits %1 und %2 weitere</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="447"/>
        <source>invoice requires unknown feature bits %1</source>
        <translation>die Rechnung verlangt die unbekannten Feature-Bits %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="448"/>
        <source>route hint %1 %2 does not fit in %3 bits</source>
        <translation>Routenhinweis %1 %2 passt nicht in %3 Bits</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="449"/>
        <source>fallback version %1 needs a 20-byte hash, got %2</source>
        <translation>die Ausweichversion %1 braucht einen Hash von 20 Bytes, erhalten: %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="450"/>
        <source>unknown fallback version %1</source>
        <translation>unbekannte Ausweichversion %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="451"/>
        <source>fallback is not a valid segwit address: %1</source>
        <translation>die Ausweichadresse ist keine gültige SegWit-Adresse: %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="452"/>
        <source>fallback address %1: %2</source>
        <translation>Ausweichadresse %1: %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="453"/>
        <source>%1 must be an integer</source>
        <translation>%1 muss eine ganze Zahl sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="454"/>
        <source>%1 %2 is out of range</source>
        <translation>%1 %2 liegt außerhalb des Bereichs</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="455"/>
        <source>amount %1 is not a multiple of 10 pico-bitcoin (sub-millisatoshi precision): &apos;p&apos; amounts must end in 0</source>
        <translation>der Betrag %1 ist kein Vielfaches von 10 Pico-Bitcoin (Genauigkeit unter einem Millisatoshi): &apos;p&apos;-Beträge müssen auf 0 enden</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="456"/>
        <source>unknown amount multiplier %1 in %2</source>
        <translation>unbekannter Betragsmultiplikator %1 in %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="457"/>
        <source>fallback witness program of %1 bytes</source>
        <translation>Witness-Programm der Ausweichadresse mit %1 Bytes</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="458"/>
        <source>fallback version 0 witness program of %1 bytes (must be 20 or 32)</source>
        <translation>Witness-Programm der Version 0 der Ausweichadresse mit %1 Bytes (muss 20 oder 32 sein)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="459"/>
        <source>invoice sets feature %1/%2 without the feature it depends on, %3/%4</source>
        <translation>die Rechnung setzt das Feature %1/%2 ohne das Feature, von dem es abhängt, %3/%4</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="460"/>
        <source>A trust anchor other than the root&apos;s can only be set on regtest.</source>
        <translation>Ein anderer Vertrauensanker als der der Root-Zone lässt sich nur auf Regtest setzen.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="461"/>
        <source>The trust anchor must be a zone and a DS record, like &apos;kite.test. 12345 13 2 ABCD…&apos;.</source>
        <translation>Der Vertrauensanker muss eine Zone und ein DS-Eintrag sein, etwa &apos;kite.test. 12345 13 2 ABCD…&apos;.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="462"/>
        <source>No DNS resolver is configured on this computer.</source>
        <translation>Auf diesem Computer ist kein DNS-Resolver eingerichtet.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="464"/>
        <source>DNS says %1 does not exist (%2).</source>
        <translation>Laut DNS gibt es %1 nicht (%2).</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="463"/>
        <source>the zone %1</source>
        <translation>die Zone %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="631"/>
        <source>the DS records of %1</source>
        <translation>die DS-Einträge von %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="465"/>
        <source>The DNS resolver %1 has no valid port (1 to 65535).</source>
        <translation>Der DNS-Resolver %1 hat keinen gültigen Port (1 bis 65535).</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="364"/>
        <source>cannot send: the parts&apos; fees (%1 msat) are above the maximum fee (%2 msat)</source>
        <translation>Senden nicht möglich: die Gebühren der Teile (%1 msat) liegen über der Höchstgebühr (%2 msat)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="466"/>
        <source>The DNS answer about %1 is too large to be real.</source>
        <translation>Die DNS-Antwort zu %1 ist zu groß, um echt zu sein.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="467"/>
        <source>DNS has no %1 record for %2.</source>
        <translation>DNS hat keinen %1-Eintrag für %2.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="468"/>
        <source>DNS did not answer about %1&apos;s proof in time.</source>
        <translation>DNS hat zum Nachweis für %1 nicht rechtzeitig geantwortet.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="469"/>
        <source>The DNS resolver could not be asked about %1: %2.</source>
        <translation>Der DNS-Resolver konnte nicht zu %1 gefragt werden: %2.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="470"/>
        <source>%1 is an alias (CNAME), which Kite does not follow yet.</source>
        <translation>%1 ist ein Alias (CNAME), dem Kite noch nicht folgt.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="471"/>
        <source>DNS did not answer about %1 in time.</source>
        <translation>DNS hat zu %1 nicht rechtzeitig geantwortet.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="472"/>
        <source>A BIP 353 name looks like ₿name@domain.</source>
        <translation>Ein BIP-353-Name sieht so aus: ₿name@domain.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="473"/>
        <source>The part of this BIP 353 name before the @ has characters a name cannot have (only letters, digits, &apos;-&apos;, &apos;_&apos; and &apos;.&apos;).</source>
        <translation>Der Teil dieses BIP-353-Namens vor dem @ hat Zeichen, die ein Name nicht haben kann (nur Buchstaben, Ziffern, &apos;-&apos;, &apos;_&apos; und &apos;.&apos;).</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="474"/>
        <source>This BIP 353 name has no valid domain after the @.</source>
        <translation>Dieser BIP-353-Name hat nach dem @ keine gültige Domain.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="475"/>
        <source>This BIP 353 name is too long for DNS.</source>
        <translation>Dieser BIP-353-Name ist zu lang für DNS.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="476"/>
        <source>the password and the passphrase must be text</source>
        <translation>das Passwort und die Passphrase müssen Text sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="477"/>
        <source>the password must be text</source>
        <translation>das Passwort muss Text sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="478"/>
        <source>a wallet already exists at %1; refusing to overwrite it</source>
        <translation>unter %1 gibt es bereits eine Wallet; sie wird nicht überschrieben</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="479"/>
        <source>no wallet at %1</source>
        <translation>keine Wallet unter %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="480"/>
        <source>%1 is not a Kite wallet</source>
        <translation>%1 ist keine Kite-Wallet</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="481"/>
        <source>unsupported wallet format version %1 in %2</source>
        <translation>nicht unterstützte Wallet-Formatversion %1 in %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="482"/>
        <source>the %1 record is written only when the wallet is created</source>
        <translation>der Eintrag %1 wird nur beim Erstellen der Wallet geschrieben</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="483"/>
        <source>cannot create the wallet folder %1: %2</source>
        <translation>der Wallet-Ordner %1 kann nicht angelegt werden: %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="484"/>
        <source>the new wallet database %1 was not checkpointed</source>
        <translation>die neue Wallet-Datenbank %1 wurde nicht vollständig gespeichert (Checkpoint)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="485"/>
        <source>cannot write the new wallet in %1: %2</source>
        <translation>die neue Wallet kann nicht in %1 geschrieben werden: %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="486"/>
        <source>cannot read the wallet metadata in %1: %2</source>
        <translation>die Wallet-Metadaten in %1 können nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="487"/>
        <source>the wallet metadata in %1 is incomplete (%2)</source>
        <translation>die Wallet-Metadaten in %1 sind unvollständig (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="488"/>
        <source>the wallet at %1 is a %2 wallet, not %3; use --network %2</source>
        <translation>die Wallet unter %1 ist eine %2-Wallet, keine %3-Wallet; verwenden Sie --network %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="489"/>
        <source>the wallet at %1 is inconsistent: its seed does not give its stored keys</source>
        <translation>die Wallet unter %1 ist widersprüchlich: Ihr Seed ergibt nicht ihre gespeicherten Schlüssel</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="490"/>
        <source>cannot read the wallet at %1: %2</source>
        <translation>die Wallet unter %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="491"/>
        <source>cannot publish the wallet file %1: %2</source>
        <translation>die Wallet-Datei %1 kann nicht abgelegt werden: %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="492"/>
        <source>the stored seed of the wallet at %1 is invalid</source>
        <translation>der gespeicherte Seed der Wallet unter %1 ist ungültig</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="493"/>
        <source>a note must be text</source>
        <translation>eine Notiz muss Text sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="494"/>
        <source>a note is one line of text: no line breaks or control characters</source>
        <translation>eine Notiz ist eine Textzeile: keine Zeilenumbrüche oder Steuerzeichen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="495"/>
        <source>a transaction id or payment hash is 64 hexadecimal characters</source>
        <translation>eine Transaktions-ID oder ein Zahlungs-Hash besteht aus 64 Hexadezimalzeichen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="496"/>
        <source>a note is at most %1 characters long</source>
        <translation>eine Notiz ist höchstens %1 Zeichen lang</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="497"/>
        <source>a note is at most %1 characters long (this one has %2)</source>
        <translation>eine Notiz ist höchstens %1 Zeichen lang (diese hat %2)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="498"/>
        <source>unknown label kind %1</source>
        <translation>unbekannte Notizart %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="499"/>
        <source>This wallet is already open in another Kite process%1: close that one first (`kite stop` stops a daemon).</source>
        <translation>Diese Wallet ist bereits in einem anderen Kite-Prozess geöffnet%1: Schließen Sie diesen zuerst (`kite stop` beendet einen Daemon).</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="500"/>
        <source>Type a server as HOST:PORT, for example electrum.example.org:50002.</source>
        <translation>Geben Sie einen Server als HOST:PORT ein, zum Beispiel electrum.example.org:50002.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="501"/>
        <source>Write the server as HOST:PORT (add :t for a server without TLS), for example electrum.example.org:50002.</source>
        <translation>Schreiben Sie den Server als HOST:PORT (mit :t für einen Server ohne TLS), zum Beispiel electrum.example.org:50002.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="502"/>
        <source>The port must be a number from 1 to 65535, like 50002.</source>
        <translation>Der Port muss eine Zahl von 1 bis 65535 sein, etwa 50002.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="503"/>
        <source>After the port, add :s for TLS or :t for plain TCP (or nothing: TLS).</source>
        <translation>Fügen Sie nach dem Port :s für TLS oder :t für reines TCP an (oder nichts: TLS).</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="504"/>
        <source>A certificate fingerprint only applies to a TLS server (:s), not to plain TCP (:t).</source>
        <translation>Ein Zertifikats-Fingerabdruck gilt nur für einen TLS-Server (:s), nicht für reines TCP (:t).</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="505"/>
        <source>A certificate fingerprint is the SHA-256 of the server&apos;s certificate: 64 hexadecimal characters (colons allowed).</source>
        <translation>Ein Zertifikats-Fingerabdruck ist der SHA-256 des Serverzertifikats: 64 Hexadezimalzeichen (Doppelpunkte erlaubt).</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="506"/>
        <source>Only servers you added can be removed; pick another server to stop using this one.</source>
        <translation>Nur selbst hinzugefügte Server können entfernt werden; wählen Sie einen anderen Server, um diesen nicht mehr zu verwenden.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="507"/>
        <source>too large</source>
        <translation>zu groß</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="508"/>
        <source>A server address is at most %1 characters.</source>
        <translation>Eine Serveradresse hat höchstens %1 Zeichen.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="509"/>
        <source>“%1” is not a host name: use letters, digits, dots and dashes, like electrum.example.org or 192.0.2.7.</source>
        <translation>„%1“ ist kein Hostname: Verwenden Sie Buchstaben, Ziffern, Punkte und Bindestriche, etwa electrum.example.org oder 192.0.2.7.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="510"/>
        <source>A certificate fingerprint is at most %1 characters.</source>
        <translation>Ein Zertifikats-Fingerabdruck hat höchstens %1 Zeichen.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="511"/>
        <source>%1:%2 is already in the list.</source>
        <translation>%1:%2 ist bereits in der Liste.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="512"/>
        <source>At most %1 servers can be added; remove one first.</source>
        <translation>Es können höchstens %1 Server hinzugefügt werden; entfernen Sie zuerst einen.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="513"/>
        <source>%1 is not in the list; add it first.</source>
        <translation>%1 ist nicht in der Liste; fügen Sie ihn zuerst hinzu.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="514"/>
        <source>no devnet is running (start one with `kite devnet up`) and no --server given</source>
        <translation>kein Devnet läuft (starten Sie eines mit `kite devnet up`) und kein --server angegeben</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="515"/>
        <source>%1 has no default Electrum server; use --server</source>
        <translation>%1 hat keinen voreingestellten Electrum-Server; verwenden Sie --server</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="516"/>
        <source>seed words must be text</source>
        <translation>Wiederherstellungswörter müssen Text sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="517"/>
        <source>no words given</source>
        <translation>keine Wörter angegeben</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="518"/>
        <source>the BIP-39 checksum fails: probably a typo or swapped words</source>
        <translation>die BIP-39-Prüfsumme stimmt nicht: wahrscheinlich ein Tippfehler oder vertauschte Wörter</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="519"/>
        <source>entropy must be 16, 20, 24, 28 or 32 bytes</source>
        <translation>die Entropie muss 16, 20, 24, 28 oder 32 Bytes haben</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="520"/>
        <source>a new phrase has 12, 15, 18, 21 or 24 words</source>
        <translation>eine neue Wortfolge hat 12, 15, 18, 21 oder 24 Wörter</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="521"/>
        <source>the passphrase must be text</source>
        <translation>die Passphrase muss Text sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="522"/>
        <source>unknown word list language %1; expected one of: %2</source>
        <translation>unbekannte Sprache der Wortliste %1; erwartet eine von: %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="523"/>
        <source>got %1 words; BIP-39 allows 12, 15, 18, 21 or 24</source>
        <translation>%1 Wörter erhalten; BIP-39 erlaubt 12, 15, 18, 21 oder 24</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="524"/>
        <source>failure message is longer than 65535 bytes</source>
        <translation>die Fehlermeldung ist länger als 65535 Bytes</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="525"/>
        <source>error packet padding is longer than 65535 bytes</source>
        <translation>das Auffüllen des Fehlerpakets ist länger als 65535 Bytes</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="526"/>
        <source>no hop of the route authenticates this error packet</source>
        <translation>kein Knoten der Route authentifiziert dieses Fehlerpaket</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="527"/>
        <source>%1: %2 must be bytes</source>
        <translation>%1: %2 muss aus Bytes bestehen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="528"/>
        <source>%1: %2 is longer than 65535 bytes</source>
        <translation>%1: %2 ist länger als 65535 Bytes</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="529"/>
        <source>update_fail_malformed_htlc with code %1 lacks the BADONION bit</source>
        <translation>update_fail_malformed_htlc mit Code %1 fehlt das BADONION-Bit</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="530"/>
        <source>error packet is %1 bytes; too short to decrypt</source>
        <translation>das Fehlerpaket hat %1 Bytes; zu kurz zum Entschlüsseln</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="531"/>
        <source>hold time %1 does not fit in a u32</source>
        <translation>die Haltezeit %1 passt nicht in ein u32</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="532"/>
        <source>attribution data is %1 bytes; expected %2</source>
        <translation>die Zuordnungsdaten haben %1 Bytes; erwartet %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="533"/>
        <source>source hop %1 is outside the route</source>
        <translation>der Ursprungsknoten %1 liegt außerhalb der Route</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="534"/>
        <source>failure code %1 does not fit in 16 bits</source>
        <translation>der Fehlercode %1 passt nicht in 16 Bits</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="535"/>
        <source>%1 takes fields %2, got %3</source>
        <translation>%1 nimmt die Felder %2, erhalten: %3</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="536"/>
        <source>failure message is %1 bytes; it needs a 2-byte code</source>
        <translation>die Fehlermeldung hat %1 Bytes; sie braucht einen Code von 2 Bytes</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="537"/>
        <source>%1: %2 must be a %3, got %4</source>
        <translation>%1: %2 muss ein %3 sein, erhalten: %4</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="538"/>
        <source>%1: %2 must be a bigsize, got %3</source>
        <translation>%1: %2 muss ein bigsize sein, erhalten: %3</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="539"/>
        <source>%1: %2 must be 32 bytes, got %3</source>
        <translation>%1: %2 muss 32 Bytes haben, erhalten: %3</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="540"/>
        <source>%1: failure message ends inside field %2</source>
        <translation>%1: die Fehlermeldung endet mitten im Feld %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="541"/>
        <source>%1: field %2 is missing</source>
        <translation>%1: das Feld %2 fehlt</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="542"/>
        <source>%1: field %2 is not a valid bigsize</source>
        <translation>%1: das Feld %2 ist kein gültiges bigsize</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="543"/>
        <source>The service %1 refused: &quot;%2&quot;.</source>
        <translation>Der Dienst %1 hat abgelehnt: „%2“.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="544"/>
        <source>The service %1 refused without giving a reason.</source>
        <translation>Der Dienst %1 hat ohne Angabe von Gründen abgelehnt.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="545"/>
        <source>this is not a Kite channel backup file</source>
        <translation>das ist keine Kanal-Sicherungsdatei von Kite</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="546"/>
        <source>this backup file is truncated</source>
        <translation>diese Sicherungsdatei ist abgeschnitten</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="547"/>
        <source>this backup file belongs to another wallet, not to this one</source>
        <translation>diese Sicherungsdatei gehört zu einer anderen Wallet, nicht zu dieser</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="548"/>
        <source>no channel list</source>
        <translation>keine Kanalliste</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="549"/>
        <source>too many channels</source>
        <translation>zu viele Kanäle</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="550"/>
        <source>a channel number appears twice</source>
        <translation>eine Kanalnummer kommt zweimal vor</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="551"/>
        <source>a field is not hexadecimal of the right size</source>
        <translation>ein Feld ist kein Hexadezimalwert der richtigen Größe</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="552"/>
        <source>a channel is not an object</source>
        <translation>ein Kanal ist kein Objekt</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="553"/>
        <source>a peer id is not a compressed public key</source>
        <translation>eine Gegenstellen-ID ist kein komprimierter öffentlicher Schlüssel</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="554"/>
        <source>a funding script is not P2WSH</source>
        <translation>ein Finanzierungsskript ist nicht P2WSH</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="555"/>
        <source>a peer address is not HOST:PORT</source>
        <translation>eine Gegenstellen-Adresse ist nicht HOST:PORT</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="556"/>
        <source>a channel type is unknown</source>
        <translation>ein Kanaltyp ist unbekannt</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="557"/>
        <source>this backup file is damaged or was altered (or truncated): it does not check with this wallet&apos;s key</source>
        <translation>diese Sicherungsdatei ist beschädigt oder wurde verändert (oder abgeschnitten): Sie lässt sich mit dem Schlüssel dieser Wallet nicht prüfen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="558"/>
        <source>a backup file holds at most %1 channels</source>
        <translation>eine Sicherungsdatei enthält höchstens %1 Kanäle</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="559"/>
        <source>this backup file is larger than %1 bytes: not one Kite wrote</source>
        <translation>diese Sicherungsdatei ist größer als %1 Bytes: keine, die Kite geschrieben hat</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="560"/>
        <source>this backup file has version %1; this Kite reads version %2</source>
        <translation>diese Sicherungsdatei hat Version %1; dieses Kite liest Version %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="561"/>
        <source>this backup file is for %1, not %2</source>
        <translation>diese Sicherungsdatei ist für %1, nicht für %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="562"/>
        <source>%1 is not a number from %2 to %3</source>
        <translation>%1 ist keine Zahl von %2 bis %3</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="563"/>
        <source>this backup file&apos;s contents are not valid: %1</source>
        <translation>der Inhalt dieser Sicherungsdatei ist ungültig: %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="564"/>
        <source>the wallet has no key-derivation record</source>
        <translation>die Wallet hat keinen Eintrag zur Schlüsselableitung</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="565"/>
        <source>the key-derivation record is malformed</source>
        <translation>der Eintrag zur Schlüsselableitung ist fehlerhaft</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="566"/>
        <source>the wrapped data key has the wrong length</source>
        <translation>der verpackte Datenschlüssel hat die falsche Länge</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="567"/>
        <source>wrong password for this wallet</source>
        <translation>falsches Passwort für diese Wallet</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="568"/>
        <source>the wallet&apos;s key changed while the password was being changed</source>
        <translation>der Schlüssel der Wallet hat sich geändert, während das Passwort geändert wurde</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="569"/>
        <source>unsupported encryption scheme %1/%2</source>
        <translation>nicht unterstütztes Verschlüsselungsverfahren %1/%2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="570"/>
        <source>the wallet has no secret record %1</source>
        <translation>die Wallet hat keinen geheimen Eintrag %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="571"/>
        <source>encrypted record %1 is malformed</source>
        <translation>der verschlüsselte Eintrag %1 ist fehlerhaft</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="572"/>
        <source>unacceptable scrypt parameters n=%1 r=%2 p=%3</source>
        <translation>unzulässige scrypt-Parameter n=%1 r=%2 p=%3</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="573"/>
        <source>encrypted record %1 is damaged or was tampered with</source>
        <translation>der verschlüsselte Eintrag %1 ist beschädigt oder wurde manipuliert</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="574"/>
        <source>the offer lists offer_chains but names no chain</source>
        <translation>das Angebot listet offer_chains, nennt aber keine Chain</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="575"/>
        <source>the offer asks for an amount of zero</source>
        <translation>das Angebot verlangt einen Betrag von null</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="576"/>
        <source>the offer asks for an amount without saying what it is for</source>
        <translation>das Angebot verlangt einen Betrag, ohne zu sagen, wofür</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="577"/>
        <source>the offer names neither its issuer nor a path to it</source>
        <translation>das Angebot nennt weder den Aussteller noch einen Weg zu ihm</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="578"/>
        <source>the offer names a currency but no amount</source>
        <translation>das Angebot nennt eine Währung, aber keinen Betrag</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="579"/>
        <source>the offer&apos;s currency is not a three-letter ISO 4217 code</source>
        <translation>die Währung des Angebots ist kein dreibuchstabiger ISO-4217-Code</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="580"/>
        <source>this offer needs a quantity of at least 1</source>
        <translation>dieses Angebot braucht eine Menge von mindestens 1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="581"/>
        <source>this offer sells a single item: no quantity can be chosen</source>
        <translation>dieses Angebot verkauft einen einzelnen Artikel: Es kann keine Menge gewählt werden</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="583"/>
        <source>this offer sells at most %1 at once</source>
        <translation>dieses Angebot verkauft höchstens %1 auf einmal</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="584"/>
        <source>this offer is priced in %1; Kite has no exchange rate to turn that into bitcoin</source>
        <translation>dieses Angebot ist in %1 ausgepreist; Kite hat keinen Wechselkurs, um das in Bitcoin umzurechnen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="585"/>
        <source>a BOLT 12 string must be text</source>
        <translation>ein BOLT-12-Text muss Text sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="586"/>
        <source>not a BOLT 12 string: only letters and digits, with &apos;+&apos; joining two pieces</source>
        <translation>kein BOLT-12-Text: nur Buchstaben und Ziffern, mit &apos;+&apos; zwischen zwei Teilen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="587"/>
        <source>a BOLT 12 string mixes upper and lower case</source>
        <translation>ein BOLT-12-Text mischt Groß- und Kleinbuchstaben</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="588"/>
        <source>not a BOLT 12 string (it starts with neither lno1, lnr1 nor lni1)</source>
        <translation>kein BOLT-12-Text (er beginnt weder mit lno1 noch mit lnr1 oder lni1)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="589"/>
        <source>a BOLT 12 string ends with stray bits</source>
        <translation>ein BOLT-12-Text endet mit überzähligen Bits</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="590"/>
        <source>too long for a BOLT 12 string (%1 characters, at most %2)</source>
        <translation>zu lang für einen BOLT-12-Text (%1 Zeichen, höchstens %2)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="591"/>
        <source>expected a %1, got a %2</source>
        <translation>erwartet: %1, erhalten: %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="592"/>
        <source>unknown BOLT 12 prefix %1</source>
        <translation>unbekanntes BOLT-12-Präfix %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="593"/>
        <source>invalid character %1 in a BOLT 12 string</source>
        <translation>ungültiges Zeichen %1 in einem BOLT-12-Text</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="594"/>
        <source>the invoice gives no path to pay it</source>
        <translation>die Rechnung nennt keinen Weg, sie zu bezahlen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="595"/>
        <source>the invoice does not give one payinfo per path</source>
        <translation>die Rechnung gibt nicht ein payinfo pro Weg an</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="596"/>
        <source>every path of the invoice requires features Kite does not know</source>
        <translation>jeder Weg der Rechnung verlangt Features, die Kite nicht kennt</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="597"/>
        <source>the invoice&apos;s signature is not valid</source>
        <translation>die Signatur der Rechnung ist ungültig</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="598"/>
        <source>the invoice has expired</source>
        <translation>die Rechnung ist abgelaufen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="599"/>
        <source>the invoice does not repeat our invoice request exactly</source>
        <translation>die Rechnung wiederholt unsere Rechnungsanfrage nicht genau</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="600"/>
        <source>neither our request nor the offer names an amount Kite can check</source>
        <translation>weder unsere Anfrage noch das Angebot nennt einen Betrag, den Kite prüfen kann</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="601"/>
        <source>the invoice is not signed by the offer&apos;s issuer</source>
        <translation>die Rechnung ist nicht vom Aussteller des Angebots signiert</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="602"/>
        <source>the invoice is not signed by the node we asked</source>
        <translation>die Rechnung ist nicht vom angefragten Knoten signiert</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="603"/>
        <source>the invoice requires unknown feature bit %1</source>
        <translation>die Rechnung verlangt das unbekannte Feature-Bit %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="604"/>
        <source>the invoice asks %1 msat; we requested %2 msat</source>
        <translation>die Rechnung verlangt %1 msat; angefragt haben wir %2 msat</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="605"/>
        <source>the invoice has no %1</source>
        <translation>der Rechnung fehlt %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="606"/>
        <source>this offer is not for this network</source>
        <translation>dieses Angebot ist nicht für dieses Netzwerk</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="607"/>
        <source>this offer names no amount: choose one</source>
        <translation>dieses Angebot nennt keinen Betrag: Wählen Sie einen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="608"/>
        <source>invreq_metadata must be at least 8 unpredictable bytes</source>
        <translation>invreq_metadata muss mindestens 8 unvorhersehbare Bytes haben</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="609"/>
        <source>the invoice request has no invreq_metadata</source>
        <translation>die Rechnungsanfrage hat keine invreq_metadata</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="610"/>
        <source>the invoice request has no payer id</source>
        <translation>die Rechnungsanfrage hat keine Zahler-ID</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="611"/>
        <source>the invoice request&apos;s signature is not valid</source>
        <translation>die Signatur der Rechnungsanfrage ist ungültig</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="612"/>
        <source>the invoice request does not copy our offer exactly</source>
        <translation>die Rechnungsanfrage übernimmt unser Angebot nicht genau</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="613"/>
        <source>the invoice request is for another chain</source>
        <translation>die Rechnungsanfrage ist für eine andere Chain</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="614"/>
        <source>the invoice request names no amount for an any-amount offer</source>
        <translation>die Rechnungsanfrage nennt keinen Betrag für ein Angebot mit freiem Betrag</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="615"/>
        <source>the payer note is over %1 bytes</source>
        <translation>die Notiz des Zahlenden ist länger als %1 Bytes</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="616"/>
        <source>the invoice request requires unknown feature bit %1</source>
        <translation>die Rechnungsanfrage verlangt das unbekannte Feature-Bit %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="617"/>
        <source>the invoice request offers %1 msat, less than the %2 msat asked</source>
        <translation>die Rechnungsanfrage bietet %1 msat, weniger als die verlangten %2 msat</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="618"/>
        <source>the offer asks for %1 msat; %2 is less</source>
        <translation>das Angebot verlangt %1 msat; %2 ist weniger</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="619"/>
        <source>This payment request carries more than one offer.</source>
        <translation>Diese Zahlungsanforderung enthält mehr als ein Angebot.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="620"/>
        <source>the payment instructions</source>
        <translation>die Zahlungsanweisungen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="621"/>
        <source>The DNSSEC chain for %1 does not reach a trust anchor.</source>
        <translation>Die DNSSEC-Kette für %1 erreicht keinen Vertrauensanker.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="622"/>
        <source>The DNS answer for %1 is not signed (%2), so it cannot be trusted.</source>
        <translation>Die DNS-Antwort für %1 ist nicht signiert (%2), daher ist ihr nicht zu trauen.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="623"/>
        <source>The DNS answer for %1 is signed by several zones (%2).</source>
        <translation>Die DNS-Antwort für %1 ist von mehreren Zonen signiert (%2).</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="624"/>
        <source>No key of the zone %1 is vouched for by the zone above it, so the answer for %2 cannot be trusted.</source>
        <translation>Für keinen Schlüssel der Zone %1 bürgt die Zone darüber, daher ist der Antwort für %2 nicht zu trauen.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="625"/>
        <source>The DNS answer is for another name or type than %1.</source>
        <translation>Die DNS-Antwort gilt einem anderen Namen oder Typ als %1.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="626"/>
        <source>The DNS answer for %1 is signed by an unrelated zone.</source>
        <translation>Die DNS-Antwort für %1 ist von einer fremden Zone signiert.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="627"/>
        <source>The DNS answer for %1 comes from a wildcard, which Kite does not accept for payment instructions.</source>
        <translation>Die DNS-Antwort für %1 stammt von einem Platzhalter-Eintrag (Wildcard), den Kite für Zahlungsanweisungen nicht akzeptiert.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="628"/>
        <source>The DNSSEC chain for %1 is missing or too long.</source>
        <translation>Die DNSSEC-Kette für %1 fehlt oder ist zu lang.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="629"/>
        <source>The DNSSEC chain for %1 does not start at the signing zone.</source>
        <translation>Die DNSSEC-Kette für %1 beginnt nicht bei der signierenden Zone.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="630"/>
        <source>the keys of %1</source>
        <translation>die Schlüssel von %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="632"/>
        <source>The DNSSEC signature on %1 for %2 is not valid (forged, expired or not yet valid).</source>
        <translation>Die DNSSEC-Signatur auf %1 für %2 ist ungültig (gefälscht, abgelaufen oder noch nicht gültig).</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="633"/>
        <source>The DNSSEC chain for %1 holds keys of the wrong zone.</source>
        <translation>Die DNSSEC-Kette für %1 enthält Schlüssel der falschen Zone.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="634"/>
        <source>The keys of %1 are not signed by that zone.</source>
        <translation>Die Schlüssel von %1 sind nicht von dieser Zone signiert.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="635"/>
        <source>The DNSSEC chain for %1 stops at %2 without reaching a trust anchor.</source>
        <translation>Die DNSSEC-Kette für %1 endet bei %2, ohne einen Vertrauensanker zu erreichen.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="636"/>
        <source>The DNSSEC chain for %1 holds a DS of the wrong zone.</source>
        <translation>Die DNSSEC-Kette für %1 enthält einen DS-Eintrag der falschen Zone.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="637"/>
        <source>The DNSSEC chain for %1 does not climb towards the root.</source>
        <translation>Die DNSSEC-Kette für %1 führt nicht zur Root-Zone hinauf.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="638"/>
        <source>%1 gives only an on-chain address: send to it with kite send.</source>
        <translation>%1 nennt nur eine On-Chain-Adresse: Senden Sie mit kite send dorthin.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="639"/>
        <source>%1 publishes no bitcoin: payment instructions.</source>
        <translation>%1 veröffentlicht keine bitcoin:-Zahlungsanweisungen.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="640"/>
        <source>%1 publishes several sets of payment instructions, so Kite cannot tell which is meant.</source>
        <translation>%1 veröffentlicht mehrere Zahlungsanweisungen, daher weiß Kite nicht, welche gemeint ist.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="641"/>
        <source>The payment instructions of %1 are too long to be real.</source>
        <translation>Die Zahlungsanweisungen von %1 sind zu lang, um echt zu sein.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="642"/>
        <source>The payment instructions of %1 are not plain text.</source>
        <translation>Die Zahlungsanweisungen von %1 sind kein reiner Text.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="643"/>
        <source>not connected to an Electrum server; try again in a moment</source>
        <translation>nicht mit einem Electrum-Server verbunden; versuchen Sie es gleich noch einmal</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="644"/>
        <source>the Electrum servers&apos; fee estimates are not believable; give a fee rate</source>
        <translation>die Gebührenschätzungen der Electrum-Server sind nicht glaubwürdig; geben Sie eine Gebührenrate an</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="645"/>
        <source>not synchronised with an Electrum server yet</source>
        <translation>noch nicht mit einem Electrum-Server synchronisiert</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="646"/>
        <source>malformed scripthash notification</source>
        <translation>fehlerhafte Scripthash-Benachrichtigung</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="647"/>
        <source>%1 is %2 blocks behind</source>
        <translation>%1 ist %2 Blöcke zurück</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="648"/>
        <source>the network refused the transaction: %1</source>
        <translation>das Netzwerk hat die Transaktion abgelehnt: %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="649"/>
        <source>A server&apos;s security certificate was refused.</source>
        <translation>Das Sicherheitszertifikat eines Servers wurde abgelehnt.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="650"/>
        <source>A server sent false data and was dropped.</source>
        <translation>Ein Server hat falsche Daten geschickt und wurde verworfen.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="651"/>
        <source>Syncing stopped on an internal error.</source>
        <translation>Die Synchronisierung wurde wegen eines internen Fehlers angehalten.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="653"/>
        <source>the LSP&apos;s protocol list is not a short list of LSPS numbers</source>
        <translation>die Protokollliste des LSP ist keine kurze Liste von LSPS-Nummern</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="654"/>
        <source>the LSP is not connected</source>
        <translation>der LSP ist nicht verbunden</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="655"/>
        <source>the LSP sent a malformed LSPS message on this connection; reconnect to try again</source>
        <translation>der LSP hat auf dieser Verbindung eine fehlerhafte LSPS-Nachricht geschickt; verbinden Sie sich neu, um es erneut zu versuchen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="656"/>
        <source>the LSP disconnected before it answered</source>
        <translation>der LSP hat die Verbindung vor seiner Antwort getrennt</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="657"/>
        <source>the LSP sent a malformed LSPS message</source>
        <translation>der LSP hat eine fehlerhafte LSPS-Nachricht geschickt</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="658"/>
        <source>%1 requests already wait on this LSP</source>
        <translation>%1 Anfragen warten bereits auf diesen LSP</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="659"/>
        <source>the LSP did not answer %1 within %2 s</source>
        <translation>der LSP hat %1 nicht innerhalb von %2 s beantwortet</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="660"/>
        <source>could not send to the LSP: %1</source>
        <translation>konnte nicht an den LSP senden: %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="661"/>
        <source>the opening fee overflows 64 bits</source>
        <translation>die Eröffnungsgebühr überschreitet 64 Bits</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="662"/>
        <source>jit_channel_scid is not text</source>
        <translation>jit_channel_scid ist kein Text</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="663"/>
        <source>jit_channel_scid is not BLOCKxTXxOUTPUT</source>
        <translation>jit_channel_scid ist nicht BLOCKxTXxOUTPUT</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="664"/>
        <source>jit_channel_scid is out of range</source>
        <translation>jit_channel_scid liegt außerhalb des Bereichs</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="665"/>
        <source>get_info result has no opening_fee_params_menu list</source>
        <translation>das Ergebnis von get_info hat keine Liste opening_fee_params_menu</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="666"/>
        <source>the LSP offers no JIT channel at the moment (empty fee menu)</source>
        <translation>der LSP bietet gerade keinen JIT-Kanal an (leeres Gebührenmenü)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="667"/>
        <source>give the LSP fee as MIN_FEE_MSAT,PPM (e.g. 2000000,5000)</source>
        <translation>geben Sie die LSP-Gebühr als MIN_FEE_MSAT,PPM an (z. B. 2000000,5000)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="668"/>
        <source>the LSP fee is out of range (PPM at most 1,000,000)</source>
        <translation>die LSP-Gebühr liegt außerhalb des Bereichs (PPM höchstens 1.000.000)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="669"/>
        <source>buy result is not an object</source>
        <translation>das Kaufergebnis ist kein Objekt</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="670"/>
        <source>client_trusts_lsp must be true or false</source>
        <translation>client_trusts_lsp muss true oder false sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="671"/>
        <source>the LSP&apos;s fee offer has expired</source>
        <translation>das Gebührenangebot des LSP ist abgelaufen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="672"/>
        <source>an opening fee input is not an unsigned 64-bit number</source>
        <translation>eine Angabe zur Eröffnungsgebühr ist keine vorzeichenlose 64-Bit-Zahl</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="673"/>
        <source>an opening_fee_params entry is not an object</source>
        <translation>ein Eintrag in opening_fee_params ist kein Objekt</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="674"/>
        <source>promise must be text</source>
        <translation>promise muss Text sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="675"/>
        <source>promise has characters outside printable ASCII</source>
        <translation>promise enthält Zeichen außerhalb des druckbaren ASCII</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="676"/>
        <source>min_payment_size_msat is above max_payment_size_msat</source>
        <translation>min_payment_size_msat liegt über max_payment_size_msat</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="677"/>
        <source>the fee menu is not in increasing order of cost</source>
        <translation>das Gebührenmenü ist nicht nach steigenden Kosten geordnet</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="678"/>
        <source>%1 is not a datetime</source>
        <translation>%1 ist kein Zeitpunkt</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="679"/>
        <source>%1 is not an ISO 8601 UTC datetime</source>
        <translation>%1 ist kein UTC-Zeitpunkt nach ISO 8601</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="680"/>
        <source>%1 must be a decimal string of millisatoshis</source>
        <translation>%1 muss eine Dezimalzahl in Millisatoshi als Text sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="681"/>
        <source>%1 does not fit in 64 bits</source>
        <translation>%1 passt nicht in 64 Bits</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="682"/>
        <source>%1 must be an integer from 0 to %2</source>
        <translation>%1 muss eine ganze Zahl von 0 bis %2 sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="683"/>
        <source>the fee menu has more than %1 entries</source>
        <translation>das Gebührenmenü hat mehr als %1 Einträge</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="684"/>
        <source>lsp_cltv_expiry_delta must be from 1 to %1</source>
        <translation>lsp_cltv_expiry_delta muss zwischen 1 und %1 liegen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="685"/>
        <source>%1 is not a real date and time</source>
        <translation>%1 ist kein wirkliches Datum mit Uhrzeit</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="686"/>
        <source>opening_fee_params has a field Kite does not know: %1</source>
        <translation>opening_fee_params hat ein Feld, das Kite nicht kennt: %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="687"/>
        <source>opening_fee_params lacks %1</source>
        <translation>opening_fee_params fehlt %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="688"/>
        <source>promise is longer than %1 bytes</source>
        <translation>promise ist länger als %1 Bytes</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="689"/>
        <source>feature vector must be bytes</source>
        <translation>der Feature-Vektor muss aus Bytes bestehen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="690"/>
        <source>feature bits must be a collection of integers</source>
        <translation>Feature-Bits müssen eine Sammlung ganzer Zahlen sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="691"/>
        <source>unknown feature name %1</source>
        <translation>unbekannter Feature-Name %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="692"/>
        <source>feature bits must be a non-negative integer, got %1</source>
        <translation>Feature-Bits müssen eine nicht negative ganze Zahl sein, erhalten: %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="693"/>
        <source>feature %1 (bit %2) is not allowed in %3</source>
        <translation>das Feature %1 (Bit %2) ist in %3 nicht erlaubt</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="694"/>
        <source>feature %1 has both its required and optional bits set</source>
        <translation>beim Feature %1 sind sowohl das verlangte als auch das optionale Bit gesetzt</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="695"/>
        <source>%1 can only be optional</source>
        <translation>%1 kann nur optional sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="696"/>
        <source>feature %1 requires %2, which is not set</source>
        <translation>das Feature %1 verlangt %2, das nicht gesetzt ist</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="697"/>
        <source>an empty route hint</source>
        <translation>ein leerer Routenhinweis</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="698"/>
        <source>this payment would lock the funds for %1 blocks (about %2 days); Kite allows at most %3 blocks (about two weeks)</source>
        <translation>diese Zahlung würde das Guthaben für %1 Blöcke sperren (etwa %2 Tage); Kite erlaubt höchstens %3 Blöcke (etwa zwei Wochen)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="699"/>
        <source>this invoice would lock the funds for %1 blocks (about %2 days); Kite allows at most %3 blocks (about two weeks)</source>
        <translation>diese Rechnung würde das Guthaben für %1 Blöcke sperren (etwa %2 Tage); Kite erlaubt höchstens %3 Blöcke (etwa zwei Wochen)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="700"/>
        <source>the invoice&apos;s route hint would lock the funds for %1 blocks (about %2 days); Kite allows at most %3 blocks (about two weeks)</source>
        <translation>der Routenhinweis der Rechnung würde das Guthaben für %1 Blöcke sperren (etwa %2 Tage); Kite erlaubt höchstens %3 Blöcke (etwa zwei Wochen)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="701"/>
        <source>this payment through a trampoline would lock the funds for %1 blocks (about %2 days); Kite allows at most %3 blocks (about two weeks)</source>
        <translation>diese Zahlung über ein Trampolin würde das Guthaben für %1 Blöcke sperren (etwa %2 Tage); Kite erlaubt höchstens %3 Blöcke (etwa zwei Wochen)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="702"/>
        <source>this payment over the invoice&apos;s blinded path would lock the funds for %1 blocks (about %2 days); Kite allows at most %3 blocks (about two weeks)</source>
        <translation>diese Zahlung über den verblindeten Weg der Rechnung würde das Guthaben für %1 Blöcke sperren (etwa %2 Tage); Kite erlaubt höchstens %3 Blöcke (etwa zwei Wochen)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="703"/>
        <source>a node on the route could not read its instructions (%1)</source>
        <translation>ein Knoten auf der Route konnte seine Anweisungen nicht lesen (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="704"/>
        <source>a node on the route is temporarily failing (%1)</source>
        <translation>ein Knoten auf der Route fällt vorübergehend aus (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="705"/>
        <source>a node on the route is out of service (%1)</source>
        <translation>ein Knoten auf der Route ist außer Betrieb (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="706"/>
        <source>a node on the route lacks a required feature (%1)</source>
        <translation>einem Knoten auf der Route fehlt ein nötiges Feature (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="707"/>
        <source>a node on the route could not read the onion (%1)</source>
        <translation>ein Knoten auf der Route konnte die Onion nicht lesen (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="708"/>
        <source>no route at this fee (a channel lacks liquidity) (%1)</source>
        <translation>keine Route zu dieser Gebühr (einem Kanal fehlt Liquidität) (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="709"/>
        <source>a channel on the route is closed (%1)</source>
        <translation>ein Kanal auf der Route ist geschlossen (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="710"/>
        <source>a channel on the route lacks a required feature (%1)</source>
        <translation>einem Kanal auf der Route fehlt ein nötiges Feature (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="711"/>
        <source>no route: a node does not know the next one (%1)</source>
        <translation>keine Route: Ein Knoten kennt den nächsten nicht (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="712"/>
        <source>the amount is below a channel&apos;s minimum (%1)</source>
        <translation>der Betrag liegt unter dem Minimum eines Kanals (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="713"/>
        <source>no route at this fee (%1)</source>
        <translation>keine Route zu dieser Gebühr (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="714"/>
        <source>no route at this expiry (%1)</source>
        <translation>keine Route mit diesem Ablauf (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="715"/>
        <source>no route at this expiry (too soon) (%1)</source>
        <translation>keine Route mit diesem Ablauf (zu früh) (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="716"/>
        <source>recipient rejected: unknown payment (wrong amount, expired or already paid) (%1)</source>
        <translation>vom Empfänger abgelehnt: unbekannte Zahlung (falscher Betrag, abgelaufen oder schon bezahlt) (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="717"/>
        <source>recipient rejected: expiry too soon (%1)</source>
        <translation>vom Empfänger abgelehnt: Ablauf zu früh (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="718"/>
        <source>recipient rejected: wrong expiry (%1)</source>
        <translation>vom Empfänger abgelehnt: falscher Ablauf (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="719"/>
        <source>recipient rejected: wrong amount (%1)</source>
        <translation>vom Empfänger abgelehnt: falscher Betrag (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="720"/>
        <source>a channel on the route is disabled (%1)</source>
        <translation>ein Kanal auf der Route ist deaktiviert (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="721"/>
        <source>the payment&apos;s expiry is too far in the future (%1)</source>
        <translation>der Ablauf der Zahlung liegt zu weit in der Zukunft (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="722"/>
        <source>a node on the route refused the payment&apos;s data (%1)</source>
        <translation>ein Knoten auf der Route hat die Daten der Zahlung abgelehnt (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="723"/>
        <source>recipient gave up waiting for all parts of the payment (%1)</source>
        <translation>der Empfänger hat aufgehört, auf alle Teile der Zahlung zu warten (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="724"/>
        <source>a blinded route could not be read (%1)</source>
        <translation>eine verblindete Route konnte nicht gelesen werden (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="725"/>
        <source>the trampoline node is temporarily failing (%1)</source>
        <translation>der Trampolin-Knoten fällt vorübergehend aus (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="726"/>
        <source>no route at this fee (trampoline) (%1)</source>
        <translation>keine Route zu dieser Gebühr (Trampolin) (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="727"/>
        <source>the trampoline node cannot reach the recipient (%1)</source>
        <translation>der Trampolin-Knoten erreicht den Empfänger nicht (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="728"/>
        <source>no route at this expiry (trampoline) (%1)</source>
        <translation>keine Route mit diesem Ablauf (Trampolin) (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="729"/>
        <source>the payment failed for an unknown reason</source>
        <translation>die Zahlung ist aus unbekanntem Grund fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="730"/>
        <source>the largest channel can send %1 sat, %2 sat are needed</source>
        <translation>der größte Kanal kann %1 sat senden, %2 sat werden gebraucht</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="731"/>
        <source>our channels can send %1 sat in all, %2 sat are needed</source>
        <translation>unsere Kanäle können insgesamt %1 sat senden, %2 sat werden gebraucht</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="733"/>
        <source>a part of %1 msat is outside what the blinded path carries (%2 to %3 msat)</source>
        <translation>ein Teil von %1 msat liegt außerhalb dessen, was der verblindete Weg trägt (%2 bis %3 msat)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="734"/>
        <source>a linking key needs the service&apos;s domain name</source>
        <translation>ein Verknüpfungsschlüssel braucht den Domainnamen des Dienstes</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="735"/>
        <source>the LNURL-auth hashing key is 32 bytes</source>
        <translation>der LNURL-auth-Hash-Schlüssel hat 32 Bytes</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="736"/>
        <source>LNURL-auth keys need the private master key of the seed</source>
        <translation>LNURL-auth-Schlüssel brauchen den privaten Hauptschlüssel des Seeds</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="737"/>
        <source>a linking key needs the service&apos;s domain name (ASCII, at most %1 characters)</source>
        <translation>ein Verknüpfungsschlüssel braucht den Domainnamen des Dienstes (ASCII, höchstens %1 Zeichen)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="738"/>
        <source>Lightning listen port %1 is out of range</source>
        <translation>der Lightning-Empfangsport %1 liegt außerhalb des Bereichs</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="739"/>
        <source>Lightning listen address %1: the port is not a number</source>
        <translation>Lightning-Empfangsadresse %1: Der Port ist keine Zahl</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="740"/>
        <source>--trampoline: %1</source>
        <translation>--trampoline: %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="741"/>
        <source>--lsp: %1</source>
        <translation>--lsp: %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="742"/>
        <source>local node key is not a valid secp256k1 private key</source>
        <translation>der Schlüssel des eigenen Knotens ist kein gültiger privater secp256k1-Schlüssel</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="743"/>
        <source>remote node id is not a valid 33-byte public key</source>
        <translation>die ID des entfernten Knotens ist kein gültiger öffentlicher Schlüssel von 33 Bytes</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="744"/>
        <source>peer closed the connection</source>
        <translation>die Gegenstelle hat die Verbindung geschlossen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="745"/>
        <source>act %1 truncated: %2 of %3 bytes</source>
        <translation>Akt %1 abgeschnitten: %2 von %3 Bytes</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="746"/>
        <source>handshake did not complete within %1 s</source>
        <translation>der Handshake wurde nicht innerhalb von %1 s abgeschlossen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="747"/>
        <source>connection lost during the handshake: %1</source>
        <translation>Verbindung während des Handshakes verloren: %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="748"/>
        <source>%1: peer sent %2 instead of init: %3</source>
        <translation>%1: die Gegenstelle hat %2 statt init geschickt: %3</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="749"/>
        <source>%1: the first message was not init</source>
        <translation>%1: die erste Nachricht war nicht init</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="750"/>
        <source>%1: connection closed (%2)</source>
        <translation>%1: Verbindung geschlossen (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="751"/>
        <source>more than %1 pings over the rate of one per %2 s</source>
        <translation>mehr als %1 Pings über der Rate von einem pro %2 s</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="752"/>
        <source>pong of %1 bytes, we asked for %2</source>
        <translation>Pong mit %1 Bytes, angefragt waren %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="753"/>
        <source>could not connect to %1:%2 within %3 s</source>
        <translation>keine Verbindung zu %1:%2 innerhalb von %3 s</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="754"/>
        <source>could not connect to %1:%2: %3</source>
        <translation>keine Verbindung zu %1:%2: %3</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="755"/>
        <source>peer closed the connection before act %1</source>
        <translation>die Gegenstelle hat die Verbindung vor Akt %1 geschlossen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="756"/>
        <source>%1 (is the node id right?)</source>
        <translation>%1 (stimmt die Node-ID?)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="757"/>
        <source>%1: no pong within the timeout</source>
        <translation>%1: kein Pong innerhalb der Zeitgrenze</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="758"/>
        <source>%1: no init within %2 s</source>
        <translation>%1: kein init innerhalb von %2 s</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="759"/>
        <source>%1: init failed: %2</source>
        <translation>%1: init fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="760"/>
        <source>open_channel refused: %1</source>
        <translation>open_channel abgelehnt: %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="761"/>
        <source>%1: send timed out</source>
        <translation>%1: Senden hat zu lange gedauert</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="762"/>
        <source>%1: connection lost: %2</source>
        <translation>%1: Verbindung verloren: %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="763"/>
        <source>unsupported channel_type bits %1</source>
        <translation>nicht unterstützte channel_type-Bits %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="764"/>
        <source>%1 must be a non-negative integer</source>
        <translation>%1 muss eine nicht negative ganze Zahl sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="765"/>
        <source>contains characters outside the printable ASCII range</source>
        <translation>enthält Zeichen außerhalb des druckbaren ASCII-Bereichs</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="766"/>
        <source>mixes upper and lower case</source>
        <translation>mischt Groß- und Kleinbuchstaben</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="767"/>
        <source>has no human-readable part before the separator &apos;1&apos;</source>
        <translation>hat vor dem Trennzeichen &apos;1&apos; keinen lesbaren Teil</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="768"/>
        <source>too short to hold a checksum</source>
        <translation>zu kurz für eine Prüfsumme</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="769"/>
        <source>value out of range while regrouping bits</source>
        <translation>Wert außerhalb des Bereichs beim Umgruppieren der Bits</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="770"/>
        <source>address has no witness version</source>
        <translation>die Adresse hat keine Witness-Version</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="771"/>
        <source>checksum does not match (a typo?)</source>
        <translation>die Prüfsumme stimmt nicht (ein Tippfehler?)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="772"/>
        <source>non-zero padding bits</source>
        <translation>Auffüllbits ungleich null</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="773"/>
        <source>too long: %1 characters, at most %2</source>
        <translation>zu lang: %1 Zeichen, höchstens %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="774"/>
        <source>address is for prefix %1, this network uses %2</source>
        <translation>die Adresse ist für das Präfix %1, dieses Netzwerk verwendet %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="775"/>
        <source>invalid witness version %1</source>
        <translation>ungültige Witness-Version %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="776"/>
        <source>witness program of %1 bytes (must be 2 to 40)</source>
        <translation>Witness-Programm mit %1 Bytes (muss 2 bis 40 sein)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="777"/>
        <source>version 0 witness program of %1 bytes (must be 20 or 32)</source>
        <translation>Witness-Programm der Version 0 mit %1 Bytes (muss 20 oder 32 sein)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="778"/>
        <source>witness version %1 must use %2, not %3</source>
        <translation>die Witness-Version %1 muss %2 verwenden, nicht %3</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="779"/>
        <source>invalid character %1 in the data part</source>
        <translation>ungültiges Zeichen %1 im Datenteil</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="780"/>
        <source>the channel did not send the HTLC</source>
        <translation>der Kanal hat den HTLC nicht gesendet</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="781"/>
        <source>the HTLC was never committed (disconnection or restart before signing)</source>
        <translation>der HTLC wurde nie festgeschrieben (Verbindungsabbruch oder Neustart vor dem Signieren)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="782"/>
        <source>the HTLC timed out on chain</source>
        <translation>der HTLC ist on-chain abgelaufen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="783"/>
        <source>not an HTLC answer: %1</source>
        <translation>keine HTLC-Antwort: %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="784"/>
        <source>an error packet we cannot read</source>
        <translation>ein Fehlerpaket, das wir nicht lesen können</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="785"/>
        <source>our peer could not read the onion (%1)</source>
        <translation>unsere Gegenstelle konnte die Onion nicht lesen (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="786"/>
        <source>an empty failure</source>
        <translation>ein leerer Fehler</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="787"/>
        <source>a failure nobody on the route signed</source>
        <translation>ein Fehler, den niemand auf der Route signiert hat</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="788"/>
        <source>the LSP asks %1 to open a channel, above the %2 msat accepted</source>
        <translation>der LSP verlangt %1 für die Kanaleröffnung, mehr als die akzeptierten %2 msat</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="789"/>
        <source>the first node of the path is not connected</source>
        <translation>der erste Knoten des Weges ist nicht verbunden</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="790"/>
        <source>our peer does not take onion messages (it does not advertise option_onion_messages)</source>
        <translation>unsere Gegenstelle nimmt keine Onion-Nachrichten an (sie meldet option_onion_messages nicht)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="791"/>
        <source>no connected peer can carry this onion message</source>
        <translation>keine verbundene Gegenstelle kann diese Onion-Nachricht befördern</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="792"/>
        <source>a path through us that names no next node</source>
        <translation>ein Weg über uns, der keinen nächsten Knoten nennt</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="793"/>
        <source>a path through us that we cannot read: %1</source>
        <translation>ein Weg über uns, den wir nicht lesen können: %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="794"/>
        <source>peer %1 not connected within %2 s</source>
        <translation>die Gegenstelle %1 war nicht innerhalb von %2 s verbunden</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="795"/>
        <source>only a failed payment can be tried again</source>
        <translation>nur eine fehlgeschlagene Zahlung kann erneut versucht werden</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="796"/>
        <source>payment %1: a preimage that does not hash to its payment hash is no proof of payment</source>
        <translation>Zahlung %1: ein Preimage, dessen Hash nicht der Zahlungs-Hash ist, ist kein Zahlungsnachweis</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="797"/>
        <source>the trampoline spec draft reaches recipients without trampoline support only through blinded paths, which Kite does not build</source>
        <translation>der Trampolin-Spezifikationsentwurf erreicht Empfänger ohne Trampolin-Unterstützung nur über verblindete Wege, die Kite nicht baut</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="798"/>
        <source>the last trampoline would forward less than the recipient&apos;s amount</source>
        <translation>das letzte Trampolin würde weniger als den Betrag des Empfängers weiterleiten</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="799"/>
        <source>the last trampoline&apos;s outgoing CLTV is below the recipient&apos;s</source>
        <translation>der ausgehende CLTV des letzten Trampolins liegt unter dem des Empfängers</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="800"/>
        <source>payload carries trampoline onions of both dialects</source>
        <translation>die Nutzlast enthält Trampolin-Onions beider Dialekte</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="801"/>
        <source>this payload carries no trampoline onion</source>
        <translation>diese Nutzlast enthält keine Trampolin-Onion</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="802"/>
        <source>blinded trampoline payments are not supported</source>
        <translation>verblindete Trampolin-Zahlungen werden nicht unterstützt</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="803"/>
        <source>trampoline payload lacks amt_to_forward</source>
        <translation>der Trampolin-Nutzlast fehlt amt_to_forward</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="804"/>
        <source>trampoline payload lacks outgoing_cltv_value</source>
        <translation>der Trampolin-Nutzlast fehlt outgoing_cltv_value</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="805"/>
        <source>trampoline payload must not name a channel</source>
        <translation>die Trampolin-Nutzlast darf keinen Kanal nennen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="806"/>
        <source>trampoline payload lacks outgoing_node_id</source>
        <translation>der Trampolin-Nutzlast fehlt outgoing_node_id</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="807"/>
        <source>outgoing_node_id must be 33 bytes</source>
        <translation>outgoing_node_id muss 33 Bytes haben</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="808"/>
        <source>blinded paths and a next node in one trampoline payload</source>
        <translation>verblindete Wege und ein nächster Knoten in einer Trampolin-Nutzlast</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="809"/>
        <source>no blinded path starts at a node</source>
        <translation>kein verblindeter Weg beginnt bei einem Knoten</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="810"/>
        <source>outer payload lacks amount or expiry</source>
        <translation>der äußeren Nutzlast fehlen Betrag oder Ablauf</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="811"/>
        <source>outer outgoing_cltv_value is below the trampoline payload&apos;s</source>
        <translation>das äußere outgoing_cltv_value liegt unter dem der Trampolin-Nutzlast</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="812"/>
        <source>outer amount is below the trampoline payload&apos;s</source>
        <translation>der äußere Betrag liegt unter dem der Trampolin-Nutzlast</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="813"/>
        <source>a routing hint with zero hops</source>
        <translation>ein Routing-Hinweis ohne Sprünge</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="814"/>
        <source>routing hints end in the middle of a hop</source>
        <translation>Routing-Hinweise enden mitten in einem Sprung</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="815"/>
        <source>a recipient without trampoline support needs a trampoline node</source>
        <translation>ein Empfänger ohne Trampolin-Unterstützung braucht einen Trampolin-Knoten</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="816"/>
        <source>a trampoline would forward less than the next one must send</source>
        <translation>ein Trampolin würde weniger weiterleiten, als das nächste senden muss</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="817"/>
        <source>a trampoline&apos;s outgoing CLTV is below the next one&apos;s</source>
        <translation>der ausgehende CLTV eines Trampolins liegt unter dem des nächsten</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="818"/>
        <source>legacy trampoline relay needs payment_data</source>
        <translation>die alte Trampolin-Weiterleitung braucht payment_data</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="819"/>
        <source>trampoline onion ends here but names a next trampoline node</source>
        <translation>die Trampolin-Onion endet hier, nennt aber einen nächsten Trampolin-Knoten</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="820"/>
        <source>invoice features must be a non-negative integer, got %1</source>
        <translation>die Features der Rechnung müssen eine nicht negative ganze Zahl sein, erhalten: %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="821"/>
        <source>a routing hint has %1 hops; 1 to 255 allowed</source>
        <translation>ein Routing-Hinweis hat %1 Sprünge; 1 bis 255 erlaubt</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="822"/>
        <source>trampoline onion: %1</source>
        <translation>Trampolin-Onion: %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="823"/>
        <source>invoice_routing_info: %1</source>
        <translation>invoice_routing_info: %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="824"/>
        <source>bad routing hint hop: %1</source>
        <translation>fehlerhafter Sprung eines Routing-Hinweises: %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="825"/>
        <source>routing hint %1 out of range: %2</source>
        <translation>Routing-Hinweis %1 außerhalb des Bereichs: %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="826"/>
        <source>expected text</source>
        <translation>Text erwartet</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="827"/>
        <source>%1 characters is too long for Base58 text (at most %2)</source>
        <translation>%1 Zeichen sind zu lang für Base58-Text (höchstens %2)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="828"/>
        <source>character %1 (%2) is not a Base58 character</source>
        <translation>das Zeichen %1 (%2) ist kein Base58-Zeichen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="829"/>
        <source>malformed reply: block.headers hex</source>
        <translation>fehlerhafte Antwort: block.headers-Hex</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="830"/>
        <source>malformed reply: block.headers list</source>
        <translation>fehlerhafte Antwort: block.headers-Liste</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="831"/>
        <source>malformed reply: %1</source>
        <translation>fehlerhafte Antwort: %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="832"/>
        <source>server %1 is not HOST:PORT[:s|t]</source>
        <translation>der Server %1 ist nicht HOST:PORT[:s|t]</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="833"/>
        <source>server %1: protocol must be &apos;s&apos; (TLS) or &apos;t&apos; (TCP)</source>
        <translation>Server %1: Das Protokoll muss &apos;s&apos; (TLS) oder &apos;t&apos; (TCP) sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="834"/>
        <source>server %1: port out of range</source>
        <translation>Server %1: Port außerhalb des Bereichs</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="835"/>
        <source>%1 showed no TLS certificate</source>
        <translation>%1 hat kein TLS-Zertifikat gezeigt</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="836"/>
        <source>server chose protocol %1, outside what we asked</source>
        <translation>der Server hat das Protokoll %1 gewählt, außerhalb des Angefragten</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="837"/>
        <source>not connected to %1</source>
        <translation>nicht mit %1 verbunden</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="838"/>
        <source>server sent a transaction that is not %1</source>
        <translation>der Server hat eine Transaktion geschickt, die nicht %1 ist</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="839"/>
        <source>server answered %1 instead of the txid</source>
        <translation>der Server hat %1 statt der Transaktions-ID geantwortet</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="840"/>
        <source>server %1 has no port</source>
        <translation>der Server %1 hat keinen Port</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="841"/>
        <source>cannot connect to %1: %2</source>
        <translation>keine Verbindung zu %1: %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="842"/>
        <source>server.version: bad protocol version %1</source>
        <translation>server.version: falsche Protokollversion %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="843"/>
        <source>%1 refused %2: %3</source>
        <translation>%1 hat %2 abgelehnt: %3</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="844"/>
        <source>%1 timed out on %2</source>
        <translation>%1: Zeitüberschreitung bei %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="845"/>
        <source>%1 failed on %2: %3</source>
        <translation>%1: Fehler bei %2: %3</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="846"/>
        <source>server %1: port is not a number</source>
        <translation>Server %1: Der Port ist keine Zahl</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="847"/>
        <source>%1 did not answer in time</source>
        <translation>%1 hat nicht rechtzeitig geantwortet</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="848"/>
        <source>%1 shows a different TLS certificate than the one Kite trusted on first use (SHA-256 %2…, trusted %3…): refused, the connection may be intercepted. If its operator changed it, remove %4 from %5.</source>
        <translation>%1 zeigt ein anderes TLS-Zertifikat als das, dem Kite bei der ersten Verbindung vertraut hat (SHA-256 %2…, vertraut %3…): abgelehnt, die Verbindung wird vielleicht abgefangen. Wenn der Betreiber es geändert hat, entfernen Sie %4 aus %5.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="849"/>
        <source>%1 used to show a certificate signed by a certificate authority; now its certificate fails (%2): refused, the connection may be intercepted.</source>
        <translation>%1 zeigte bisher ein von einer Zertifizierungsstelle signiertes Zertifikat; jetzt schlägt sein Zertifikat fehl (%2): abgelehnt, die Verbindung wird vielleicht abgefangen.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="850"/>
        <source>%1&apos;s TLS certificate is refused: %2</source>
        <translation>das TLS-Zertifikat von %1 wird abgelehnt: %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="851"/>
        <source>server tip %1 is below our checkpoint at %2</source>
        <translation>die Spitze des Servers bei %1 liegt unter unserem Prüfpunkt bei %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="852"/>
        <source>server proposes a fork %1 blocks deep</source>
        <translation>der Server schlägt eine Abspaltung von %1 Blöcken Tiefe vor</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="853"/>
        <source>no block at height %1 below our checkpoint</source>
        <translation>kein Block auf Höhe %1 unter unserem Prüfpunkt</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="854"/>
        <source>no checkpoint covers height %1</source>
        <translation>kein Prüfpunkt deckt die Höhe %1 ab</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="855"/>
        <source>server sent %1 headers from %2, expected %3</source>
        <translation>der Server hat %1 Header ab %2 geschickt, erwartet %3</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="856"/>
        <source>no headers given</source>
        <translation>keine Header angegeben</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="857"/>
        <source>the store starts at height %1; older headers must be checked against a checkpoint instead</source>
        <translation>der Speicher beginnt bei Höhe %1; ältere Header müssen stattdessen gegen einen Prüfpunkt geprüft werden</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="858"/>
        <source>gap above the tip at height %1</source>
        <translation>Lücke über der Spitze bei Höhe %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="859"/>
        <source>address history never matches the status the server sends</source>
        <translation>der Adressverlauf passt nie zum Status, den der Server schickt</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="860"/>
        <source>the server&apos;s block %1 is not ours: catching up first</source>
        <translation>der Block %1 des Servers ist nicht unserer: zuerst wird aufgeholt</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="861"/>
        <source>transaction %1 is in block %2, above our headers</source>
        <translation>die Transaktion %1 ist in Block %2, über unseren Headern</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="862"/>
        <source>Merkle position out of range</source>
        <translation>Merkle-Position außerhalb des Bereichs</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="863"/>
        <source>a funding input names an output its transaction lacks</source>
        <translation>ein Finanzierungseingang nennt einen Ausgang, den seine Transaktion nicht hat</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="869"/>
        <source>no usable Electrum server (%1)</source>
        <translation>kein nutzbarer Electrum-Server (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="870"/>
        <source>bad pin %1</source>
        <translation>fehlerhafter Pin %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="871"/>
        <source>this SQLite build cannot enforce foreign keys</source>
        <translation>diese SQLite-Version kann Fremdschlüssel nicht durchsetzen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="872"/>
        <source>cannot close the database inside a transaction</source>
        <translation>die Datenbank kann nicht innerhalb einer Transaktion geschlossen werden</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="873"/>
        <source>writes must happen inside db.transaction()</source>
        <translation>Schreibvorgänge müssen innerhalb von db.transaction() geschehen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="874"/>
        <source>no database at %1</source>
        <translation>keine Datenbank unter %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="875"/>
        <source>cannot set journal_mode=%1 on %2 (got %3)</source>
        <translation>journal_mode=%1 kann auf %2 nicht gesetzt werden (erhalten: %3)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="876"/>
        <source>cannot open database %1: %2</source>
        <translation>die Datenbank %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="877"/>
        <source>%1 is not a readable Kite database (%2)</source>
        <translation>%1 ist keine lesbare Kite-Datenbank (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="878"/>
        <source>%1 has schema version %2, newer than this Kite understands (%3); upgrade Kite</source>
        <translation>%1 hat die Schemaversion %2, neuer als dieses Kite versteht (%3); aktualisieren Sie Kite</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="879"/>
        <source>cannot start a transaction on %1: %2</source>
        <translation>auf %1 kann keine Transaktion begonnen werden: %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="880"/>
        <source>cannot commit to %1: %2</source>
        <translation>in %1 kann nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="881"/>
        <source>migration %1 (%2) failed on %3: %4</source>
        <translation>die Migration %1 (%2) ist auf %3 fehlgeschlagen: %4</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="882"/>
        <source>payload contains a NUL byte</source>
        <translation>die Nutzlast enthält ein NUL-Byte</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="883"/>
        <source>payload is not a JSON object</source>
        <translation>die Nutzlast ist kein JSON-Objekt</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="884"/>
        <source>id must be text or an integer</source>
        <translation>id muss Text oder eine ganze Zahl sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="885"/>
        <source>&quot;jsonrpc&quot; must be &quot;2.0&quot;</source>
        <translation>&quot;jsonrpc&quot; muss &quot;2.0&quot; sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="886"/>
        <source>method must be a short text</source>
        <translation>method muss ein kurzer Text sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="887"/>
        <source>params must be an object (by-name parameters)</source>
        <translation>params muss ein Objekt sein (benannte Parameter)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="888"/>
        <source>error must be an object</source>
        <translation>error muss ein Objekt sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="889"/>
        <source>error code must be a 32-bit integer</source>
        <translation>der Fehlercode muss eine 32-Bit-Ganzzahl sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="890"/>
        <source>error message must be text</source>
        <translation>die Fehlermeldung muss Text sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="891"/>
        <source>error data must be an object</source>
        <translation>die Fehlerdaten müssen ein Objekt sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="892"/>
        <source>a response has exactly one of result and error</source>
        <translation>eine Antwort hat genau eines von result und error</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="893"/>
        <source>a result must carry the request&apos;s id</source>
        <translation>ein Ergebnis muss die id der Anfrage tragen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="894"/>
        <source>result must be an object</source>
        <translation>result muss ein Objekt sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="895"/>
        <source>payload is not UTF-8</source>
        <translation>die Nutzlast ist kein UTF-8</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="896"/>
        <source>a message without id must be a notification with a method</source>
        <translation>eine Nachricht ohne id muss eine Benachrichtigung mit method sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="897"/>
        <source>notification params must be an object</source>
        <translation>die params einer Benachrichtigung müssen ein Objekt sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="898"/>
        <source>%1 (code %2)</source>
        <translation>%1 (Code %2)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="899"/>
        <source>payload of %1 bytes exceeds %2</source>
        <translation>eine Nutzlast von %1 Bytes überschreitet %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="900"/>
        <source>JSON nested deeper than %1 levels</source>
        <translation>JSON tiefer als %1 Ebenen verschachtelt</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="901"/>
        <source>id longer than %1 characters</source>
        <translation>id länger als %1 Zeichen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="902"/>
        <source>unexpected member %1 in a request</source>
        <translation>unerwartetes Element %1 in einer Anfrage</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="903"/>
        <source>LSPS0 message of %1 bytes exceeds %2</source>
        <translation>eine LSPS0-Nachricht von %1 Bytes überschreitet %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="904"/>
        <source>the key %1 appears twice</source>
        <translation>der Schlüssel %1 kommt zweimal vor</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="905"/>
        <source>payload is not one JSON value: %1</source>
        <translation>die Nutzlast ist nicht ein einzelner JSON-Wert: %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="906"/>
        <source>channel_update for another chain</source>
        <translation>channel_update für eine andere Chain</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="907"/>
        <source>channel_update for our own direction of the channel</source>
        <translation>channel_update für unsere eigene Richtung des Kanals</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="908"/>
        <source>channel_update for %1: the signature is not by node %2</source>
        <translation>channel_update für %1: Die Signatur stammt nicht vom Knoten %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="909"/>
        <source>channel_update: %1</source>
        <translation>channel_update: %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="910"/>
        <source>the peer is not connected</source>
        <translation>die Gegenstelle ist nicht verbunden</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="911"/>
        <source>the channel is reconnecting</source>
        <translation>der Kanal verbindet sich neu</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="912"/>
        <source>channel_reestablish: the peer claims a newer state without a valid proof</source>
        <translation>channel_reestablish: Die Gegenstelle behauptet einen neueren Stand ohne gültigen Nachweis</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="913"/>
        <source>the peer proved our channel state is outdated; waiting for it to close the channel</source>
        <translation>die Gegenstelle hat nachgewiesen, dass unser Kanalstand veraltet ist; es wird gewartet, bis sie den Kanal schließt</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="914"/>
        <source>%1 before channel_reestablish</source>
        <translation>%1 vor channel_reestablish</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="915"/>
        <source>tip height must be a non-negative integer</source>
        <translation>die Höhe der Spitze muss eine nicht negative ganze Zahl sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="916"/>
        <source>the closing transaction is not our latest commitment</source>
        <translation>die Schließungstransaktion ist nicht unser letztes Commitment</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="917"/>
        <source>the closing transaction is none of their unrevoked commitments</source>
        <translation>die Schließungstransaktion ist keines ihrer nicht widerrufenen Commitments</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="918"/>
        <source>their commitment does not rebuild to the closing transaction</source>
        <translation>ihr Commitment ergibt nachgebaut nicht die Schließungstransaktion</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="921"/>
        <source>the wallet&apos;s confirmed coins cannot pay %1</source>
        <translation>die bestätigten Münzen der Wallet können %1 nicht bezahlen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="922"/>
        <source>no confirmed wallet coin left to pay %1</source>
        <translation>keine bestätigte Münze der Wallet mehr übrig, um %1 zu bezahlen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="923"/>
        <source>a fee bump of our commitment</source>
        <translation>eine Gebührenerhöhung unserer Commitment-Transaktion</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="924"/>
        <source>the funding output&apos;s spender: %1</source>
        <translation>der Ausgeber des Finanzierungsausgangs: %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="925"/>
        <source>the reported spender of %1 does not spend it</source>
        <translation>der gemeldete Ausgeber von %1 gibt ihn nicht aus</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="926"/>
        <source>the fee of our %1 transaction</source>
        <translation>die Gebühr unserer %1-Transaktion</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="927"/>
        <source>handshake already failed; open a new connection</source>
        <translation>der Handshake ist bereits fehlgeschlagen; öffnen Sie eine neue Verbindung</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="928"/>
        <source>transport has failed; open a new connection</source>
        <translation>die Übertragung ist fehlgeschlagen; öffnen Sie eine neue Verbindung</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="929"/>
        <source>message body failed authentication</source>
        <translation>der Nachrichteninhalt hat die Authentifizierung nicht bestanden</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="930"/>
        <source>remote node id is not a valid compressed public key</source>
        <translation>die ID des entfernten Knotens ist kein gültiger komprimierter öffentlicher Schlüssel</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="931"/>
        <source>message length header failed authentication</source>
        <translation>die Längenangabe der Nachricht hat die Authentifizierung nicht bestanden</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="932"/>
        <source>the local static key is not a valid secp256k1 private key</source>
        <translation>der lokale statische Schlüssel ist kein gültiger privater secp256k1-Schlüssel</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="933"/>
        <source>the ephemeral key is not a valid secp256k1 private key</source>
        <translation>der kurzlebige Schlüssel ist kein gültiger privater secp256k1-Schlüssel</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="934"/>
        <source>BOLT 8 handshake, act %1: %2</source>
        <translation>BOLT-8-Handshake, Akt %1: %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="935"/>
        <source>handshake: %1 called out of order</source>
        <translation>Handshake: %1 in falscher Reihenfolge aufgerufen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="936"/>
        <source>message of %1 bytes exceeds the %2-byte limit</source>
        <translation>eine Nachricht von %1 Bytes überschreitet die Grenze von %2 Bytes</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="937"/>
        <source>no stored channel with key index %1</source>
        <translation>kein gespeicherter Kanal mit dem Schlüsselindex %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="938"/>
        <source>channel key index %1 is already used</source>
        <translation>der Kanal-Schlüsselindex %1 ist bereits vergeben</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="939"/>
        <source>forwarding policy: %1</source>
        <translation>Weiterleitungsregeln: %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="944"/>
        <source>the offer</source>
        <translation>das Angebot</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="945"/>
        <source>the invoice request</source>
        <translation>die Rechnungsanfrage</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="946"/>
        <source>the invoice</source>
        <translation>die Rechnung</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="947"/>
        <source>the invoice error</source>
        <translation>der Rechnungsfehler</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="952"/>
        <source>%1 is malformed: %2</source>
        <translation>%1 ist fehlerhaft: %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="956"/>
        <source>%1 has a malformed field %2: %3</source>
        <translation>%1 hat ein fehlerhaftes Feld %2: %3</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="957"/>
        <source>%1: cannot write field %2: %3</source>
        <translation>%1: Feld %2 kann nicht geschrieben werden: %3</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1009"/>
        <source>target must be non-negative</source>
        <translation>das Ziel darf nicht negativ sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1010"/>
        <source>negative height</source>
        <translation>negative Höhe</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1011"/>
        <source>prior context does not end just below the headers</source>
        <translation>der vorherige Kontext endet nicht direkt unter den Headern</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1012"/>
        <source>bad chain context record (too many timestamps)</source>
        <translation>fehlerhafter Chain-Kontext-Eintrag (zu viele Zeitstempel)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1013"/>
        <source>header is not valid hex</source>
        <translation>der Header ist kein gültiges Hex</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1014"/>
        <source>the context lacks what is needed to know this header&apos;s nBits</source>
        <translation>dem Kontext fehlt, was nötig ist, um die nBits dieses Headers zu kennen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1015"/>
        <source>invalid header</source>
        <translation>ungültiger Header</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1016"/>
        <source>malformed header</source>
        <translation>fehlerhafter Header</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1017"/>
        <source>header does not link to its parent</source>
        <translation>der Header schließt nicht an seinen Vorgänger an</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1018"/>
        <source>proof of work too weak</source>
        <translation>Arbeitsnachweis zu schwach</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1019"/>
        <source>invalid difficulty target (nBits)</source>
        <translation>ungültiges Schwierigkeitsziel (nBits)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1020"/>
        <source>wrong difficulty (nBits)</source>
        <translation>falsche Schwierigkeit (nBits)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1021"/>
        <source>timestamp not after median time past</source>
        <translation>Zeitstempel nicht nach dem Median der vergangenen Zeit</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1022"/>
        <source>timestamp too far in the future</source>
        <translation>Zeitstempel zu weit in der Zukunft</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1023"/>
        <source>obsolete block version</source>
        <translation>veraltete Blockversion</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1024"/>
        <source>wrong genesis block</source>
        <translation>falscher Genesis-Block</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1025"/>
        <source>not enough chain context to verify header</source>
        <translation>nicht genug Chain-Kontext, um den Header zu prüfen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1026"/>
        <source>headers do not match the checkpoint</source>
        <translation>die Header passen nicht zum Prüfpunkt</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1027"/>
        <source>nBits %1 is negative</source>
        <translation>nBits %1 ist negativ</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1028"/>
        <source>nBits %1 overflows 256 bits</source>
        <translation>nBits %1 überschreitet 256 Bits</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1029"/>
        <source>nBits %1 is zero</source>
        <translation>nBits %1 ist null</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1030"/>
        <source>nBits %1 is easier than the network&apos;s limit</source>
        <translation>nBits %1 ist leichter als die Grenze des Netzes</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1031"/>
        <source>a hash has 32 bytes, got %1</source>
        <translation>ein Hash hat 32 Bytes, erhalten: %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1032"/>
        <source>%1 bytes is not a whole number of 80-byte headers</source>
        <translation>%1 Bytes sind keine ganze Zahl von Headern zu 80 Bytes</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1033"/>
        <source>header hashes to %1, checkpoint is %2</source>
        <translation>der Hash des Headers ist %1, der Prüfpunkt ist %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1034"/>
        <source>%1 at height %2: %3</source>
        <translation>%1 auf Höhe %2: %3</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1035"/>
        <source>%1 is not a hex hash</source>
        <translation>%1 ist kein Hex-Hash</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1036"/>
        <source>a header has 80 bytes, got %1</source>
        <translation>ein Header hat 80 Bytes, erhalten: %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1037"/>
        <source>line %1 has %2 bytes, expected 80</source>
        <translation>Zeile %1 hat %2 Bytes, erwartet 80</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1038"/>
        <source>no chain parameters for network %1; expected one of: %2</source>
        <translation>keine Chain-Parameter für das Netz %1; erwartet eines von: %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1039"/>
        <source>previous hash is %1, expected %2</source>
        <translation>der vorherige Hash ist %1, erwartet %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1040"/>
        <source>time %1 is more than %2 s before its parent&apos;s %3 at a period start (BIP 94)</source>
        <translation>Zeit %1 liegt mehr als %2 s vor %3 des Vorgängers am Beginn einer Periode (BIP 94)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1041"/>
        <source>time %1 is more than 2 hours after %2</source>
        <translation>Zeit %1 liegt mehr als 2 Stunden nach %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1042"/>
        <source>hash %1 is above the target of nBits %2</source>
        <translation>Hash %1 liegt über dem Ziel von nBits %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1043"/>
        <source>hash %1 is not %2</source>
        <translation>Hash %1 ist nicht %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1044"/>
        <source>line %1 is not hex</source>
        <translation>Zeile %1 ist kein Hex</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1045"/>
        <source>bad chain context record (%1)</source>
        <translation>fehlerhafter Chain-Kontext-Eintrag (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1046"/>
        <source>nBits is %1, expected %2</source>
        <translation>nBits ist %1, erwartet %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1047"/>
        <source>time %1 is not after the median %2</source>
        <translation>Zeit %1 liegt nicht nach dem Median %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1048"/>
        <source>version %1 is below %2</source>
        <translation>Version %1 liegt unter %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1049"/>
        <source>height %1 is outside the stored range %2..%3</source>
        <translation>Höhe %1 liegt außerhalb des gespeicherten Bereichs %2..%3</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1050"/>
        <source>no header at height %1 (stored: %2..%3)</source>
        <translation>kein Header auf Höhe %1 (gespeichert: %2..%3)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1051"/>
        <source>height %1 is outside the stored range</source>
        <translation>Höhe %1 liegt außerhalb des gespeicherten Bereichs</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1052"/>
        <source>cannot truncate below the anchor at %1</source>
        <translation>kann nicht unter den Anker bei %1 gekürzt werden</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1053"/>
        <source>%1 is shorter than its tip</source>
        <translation>%1 ist kürzer als seine Spitze</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1054"/>
        <source>%1 has an unknown format</source>
        <translation>%1 hat ein unbekanntes Format</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1055"/>
        <source>%1 holds %2 headers, not %3</source>
        <translation>%1 enthält %2-Header, nicht %3</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1056"/>
        <source>%1 starts from a different anchor</source>
        <translation>%1 beginnt bei einem anderen Anker</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1057"/>
        <source>%1 is not valid JSON</source>
        <translation>%1 ist kein gültiges JSON</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1058"/>
        <source>%1 has no valid anchor</source>
        <translation>%1 hat keinen gültigen Anker</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1059"/>
        <source>forwarding policy %1: give BASE_MSAT,PPM[,CLTV_DELTA]</source>
        <translation>Weiterleitungsregeln %1: geben Sie BASE_MSAT,PPM[,CLTV_DELTA] an</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1060"/>
        <source>%1 must be a whole number from 0 to %2</source>
        <translation>%1 muss eine ganze Zahl von 0 bis %2 sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1061"/>
        <source>forwarding policy %1: give BASE_MSAT,PPM[,CLTV_DELTA] as whole numbers</source>
        <translation>Weiterleitungsregeln %1: geben Sie BASE_MSAT,PPM[,CLTV_DELTA] als ganze Zahlen an</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1062"/>
        <source>a blinded path needs one payload per node, and a node</source>
        <translation>ein verblindeter Weg braucht eine Nutzlast je Knoten, und einen Knoten</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1063"/>
        <source>the blinded hop data does not decrypt with our key</source>
        <translation>die Daten des verblindeten Sprungs lassen sich mit unserem Schlüssel nicht entschlüsseln</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1064"/>
        <source>the path key is not a valid point</source>
        <translation>der Wegschlüssel ist kein gültiger Punkt</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1065"/>
        <source>short_channel_id must be 8 bytes</source>
        <translation>short_channel_id muss 8 Bytes lang sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1066"/>
        <source>cannot blind this route: %1</source>
        <translation>diese Route kann nicht verblindet werden: %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1067"/>
        <source>cannot encode blinded hop data: %1</source>
        <translation>die Daten des verblindeten Sprungs können nicht kodiert werden: %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1068"/>
        <source>blinded hop data is malformed: %1</source>
        <translation>die Daten des verblindeten Sprungs sind fehlerhaft: %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1069"/>
        <source>a trampoline payment names 1 to %1 blinded paths</source>
        <translation>eine Trampolin-Zahlung nennt 1 bis %1 verblindete Wege</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1070"/>
        <source>recipient_blinded_paths must hold 1 to %1 paths</source>
        <translation>recipient_blinded_paths muss 1 bis %1 Wege enthalten</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1071"/>
        <source>cannot encode blinded paths: %1</source>
        <translation>verblindete Wege können nicht kodiert werden: %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1072"/>
        <source>recipient_blinded_paths: %1</source>
        <translation>recipient_blinded_paths: %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1073"/>
        <source>the LSP does not sell channels in advance (LSPS1)</source>
        <translation>der LSP verkauft keine Kanäle im Voraus (LSPS1)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1074"/>
        <source>onchain and dry_run are true or false</source>
        <translation>onchain und dry_run sind true oder false</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1075"/>
        <source>only an on-chain payment is priced (dry_run needs onchain)</source>
        <translation>nur eine On-Chain-Zahlung wird berechnet (dry_run braucht onchain)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1076"/>
        <source>no order with this id was made by this wallet; buy again (kite lsp buy-inbound)</source>
        <translation>Diese Wallet hat keine Bestellung mit dieser ID aufgegeben; bitte erneut kaufen (kite lsp buy-inbound)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1077"/>
        <source>the LSP offers this order on-chain only: pay it on-chain</source>
        <translation>der LSP bietet diese Bestellung nur on-chain an: bezahlen Sie sie on-chain</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1078"/>
        <source>this order is paid on-chain already: not paid over Lightning</source>
        <translation>diese Bestellung ist bereits on-chain bezahlt: nicht über Lightning bezahlt</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1079"/>
        <source>this order is paid already: not paid again</source>
        <translation>Diese Bestellung ist bereits bezahlt: sie wird nicht noch einmal bezahlt</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1080"/>
        <source>this order&apos;s payment is under way: not paid again</source>
        <translation>Die Zahlung dieser Bestellung läuft bereits: sie wird nicht noch einmal bezahlt</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1081"/>
        <source>this wallet pays orders over Lightning only here</source>
        <translation>diese Wallet bezahlt Bestellungen hier nur über Lightning</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1082"/>
        <source>the LSP offers no on-chain payment for this order; pay it over Lightning</source>
        <translation>der LSP bietet für diese Bestellung keine On-Chain-Zahlung an; bezahlen Sie sie über Lightning</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1083"/>
        <source>this order is paid over Lightning already: not paid on-chain</source>
        <translation>diese Bestellung ist bereits über Lightning bezahlt: nicht on-chain bezahlt</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1084"/>
        <source>this order&apos;s Lightning payment is under way: not paid on-chain</source>
        <translation>die Lightning-Zahlung dieser Bestellung läuft: nicht on-chain bezahlt</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1085"/>
        <source>the payment built does not pay the order&apos;s total</source>
        <translation>die erstellte Zahlung zahlt nicht den Gesamtbetrag der Bestellung</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1086"/>
        <source>this wallet keeps no orders: it does not pay them on-chain</source>
        <translation>diese Wallet speichert keine Bestellungen: sie bezahlt sie nicht on-chain</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1087"/>
        <source>this order is paid on-chain already: not paid again</source>
        <translation>diese Bestellung ist bereits on-chain bezahlt: nicht erneut bezahlt</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1088"/>
        <source>the order&apos;s on-chain payment expires in less than 30 minutes: a payment now could arrive too late; buy again</source>
        <translation>die On-Chain-Zahlung der Bestellung läuft in weniger als 30 Minuten ab: eine Zahlung jetzt könnte zu spät ankommen; bitte neu kaufen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1089"/>
        <source>the kept on-chain payment of this order is damaged</source>
        <translation>die gespeicherte On-Chain-Zahlung dieser Bestellung ist beschädigt</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1090"/>
        <source>give an order id (at most 64 characters)</source>
        <translation>geben Sie eine Bestell-ID an (höchstens 64 Zeichen)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1091"/>
        <source>the inbound capacity (sat) must be a positive whole number</source>
        <translation>die Empfangskapazität (sat) muss eine positive ganze Zahl sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1092"/>
        <source>the maximum fee (sat) must be a positive whole number</source>
        <translation>die Höchstgebühr (sat) muss eine positive ganze Zahl sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1093"/>
        <source>this wallet takes channels of %1 sat or more</source>
        <translation>diese Wallet nimmt Kanäle ab %1 sat an</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1094"/>
        <source>channels of %1 sat or more need large channels on both sides; order less</source>
        <translation>Kanäle ab %1 sat brauchen große Kanäle auf beiden Seiten; bestellen Sie weniger</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1095"/>
        <source>the order is %1, its payment %2: not paid again</source>
        <translation>die Bestellung ist %1, ihre Zahlung %2: nicht erneut bezahlt</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1096"/>
        <source>the order&apos;s on-chain payment is %1: not paid over Lightning</source>
        <translation>die On-Chain-Zahlung der Bestellung ist %1: nicht über Lightning bezahlt</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1097"/>
        <source>the order is %1, its on-chain payment %2: not paid</source>
        <translation>die Bestellung ist %1, ihre On-Chain-Zahlung %2: nicht bezahlt</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1098"/>
        <source>the order&apos;s Lightning payment is %1: not paid on-chain</source>
        <translation>die Lightning-Zahlung der Bestellung ist %1: nicht on-chain bezahlt</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1099"/>
        <source>this order is paid on-chain already (transaction %1): not paid again</source>
        <translation>diese Bestellung ist bereits on-chain bezahlt (Transaktion %1): nicht erneut bezahlt</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1100"/>
        <source>this order&apos;s on-chain payment (transaction %1) was made but may not have left: paying it again sends that same transaction</source>
        <translation>die On-Chain-Zahlung dieser Bestellung (Transaktion %1) wurde erstellt, ist aber vielleicht nicht gesendet worden: erneutes Bezahlen sendet genau diese Transaktion</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1101"/>
        <source>the order is %1 and its payment is gone: not paid again</source>
        <translation>die Bestellung ist %1 und ihre Zahlung ist weg: nicht erneut bezahlt</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1102"/>
        <source>the LSP gave an order id it gave before</source>
        <translation>der LSP hat eine Bestell-ID vergeben, die er schon einmal vergeben hat</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1103"/>
        <source>the LSP answered with another order</source>
        <translation>der LSP hat mit einer anderen Bestellung geantwortet</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1104"/>
        <source>this order was made with another LSP</source>
        <translation>diese Bestellung wurde bei einem anderen LSP aufgegeben</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1105"/>
        <source>the order&apos;s invoice cannot be read: %1</source>
        <translation>die Rechnung der Bestellung ist nicht lesbar: %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1106"/>
        <source>min_funding_confirms_within_blocks must be 1 or more</source>
        <translation>min_funding_confirms_within_blocks muss 1 oder mehr sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1107"/>
        <source>max_channel_expiry_blocks must be 1 or more</source>
        <translation>max_channel_expiry_blocks muss 1 oder mehr sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1108"/>
        <source>the LSP sells only channels the buyer puts funds in too</source>
        <translation>der LSP verkauft nur Kanäle, in die auch der Käufer Guthaben einbringt</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1109"/>
        <source>lsp_balance_sat</source>
        <translation>lsp_balance_sat</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1110"/>
        <source>channel_expiry_blocks</source>
        <translation>channel_expiry_blocks</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1111"/>
        <source>announce_channel</source>
        <translation>announce_channel</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1112"/>
        <source>payment.bolt11.state is not a bLIP-51 payment state</source>
        <translation>payment.bolt11.state ist kein Zahlungsstatus nach bLIP-51</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1113"/>
        <source>payment.onchain.state is not a bLIP-51 payment state</source>
        <translation>payment.onchain.state ist kein Zahlungsstatus nach bLIP-51</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1114"/>
        <source>channel.funding_outpoint is not TXID:INDEX</source>
        <translation>channel.funding_outpoint ist nicht TXID:INDEX</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1115"/>
        <source>token must be text</source>
        <translation>token muss Text sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1116"/>
        <source>order_state is not CREATED, COMPLETED or FAILED</source>
        <translation>order_state ist nicht CREATED, COMPLETED oder FAILED</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1117"/>
        <source>the order lacks channel (null before the funding is published)</source>
        <translation>der Bestellung fehlt channel (null, bevor die Finanzierung veröffentlicht ist)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1118"/>
        <source>a new order must be CREATED with no channel yet</source>
        <translation>eine neue Bestellung muss CREATED sein, noch ohne Kanal</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1120"/>
        <source>a new order&apos;s payment must be EXPECT_PAYMENT</source>
        <translation>die Zahlung einer neuen Bestellung muss EXPECT_PAYMENT sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1121"/>
        <source>the order&apos;s payment has already expired</source>
        <translation>die Zahlung der Bestellung ist bereits abgelaufen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1122"/>
        <source>the order&apos;s total is not its fee plus the client balance</source>
        <translation>die Summe der Bestellung ist nicht ihre Gebühr plus das Guthaben des Kunden</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1125"/>
        <source>the on-chain total is not its fee plus the client balance</source>
        <translation>die On-Chain-Summe ist nicht ihre Gebühr plus das Guthaben des Kunden</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1129"/>
        <source>the order&apos;s invoice has no amount</source>
        <translation>die Rechnung der Bestellung hat keinen Betrag</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1130"/>
        <source>the order&apos;s invoice pays another node than the LSP</source>
        <translation>die Rechnung der Bestellung bezahlt einen anderen Knoten als den LSP</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1131"/>
        <source>the order&apos;s invoice has expired</source>
        <translation>die Rechnung der Bestellung ist abgelaufen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1132"/>
        <source>the LSP changed the order&apos;s terms</source>
        <translation>der LSP hat die Bedingungen der Bestellung geändert</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1136"/>
        <source>the LSP changed the order&apos;s fee or invoice</source>
        <translation>der LSP hat die Gebühr oder die Rechnung der Bestellung geändert</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1138"/>
        <source>a COMPLETED order must name its channel</source>
        <translation>eine COMPLETED-Bestellung muss ihren Kanal nennen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1140"/>
        <source>an order with a channel must be COMPLETED</source>
        <translation>eine Bestellung mit Kanal muss COMPLETED sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1142"/>
        <source>refund_onchain_address is empty</source>
        <translation>refund_onchain_address ist leer</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1143"/>
        <source>%1 must be a decimal string of satoshis</source>
        <translation>%1 muss eine Dezimalzeichenkette in Satoshi sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1144"/>
        <source>%1 must be true or false</source>
        <translation>%1 muss true oder false sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1145"/>
        <source>%1 must be text of at most %2 characters</source>
        <translation>%1 muss Text mit höchstens %2 Zeichen sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1146"/>
        <source>%1 has control characters</source>
        <translation>%1 enthält Steuerzeichen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1147"/>
        <source>%1 is not an object</source>
        <translation>%1 ist kein Objekt</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1148"/>
        <source>the LSP&apos;s options lack %1</source>
        <translation>den Optionen des LSP fehlt %1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1149"/>
        <source>the LSP sells at least %1 sat</source>
        <translation>der LSP verkauft mindestens %1 sat</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1150"/>
        <source>the LSP sells at most %1 sat</source>
        <translation>der LSP verkauft höchstens %1 sat</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1151"/>
        <source>the LSP leases channels for at most %1 blocks</source>
        <translation>der LSP vermietet Kanäle für höchstens %1 Blöcke</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1152"/>
        <source>order_id must be 1 to %1 characters of A-Z, a-z, 0-9, - _ . :</source>
        <translation>order_id muss aus 1 bis %1 Zeichen aus A-Z, a-z, 0-9, - _ . : bestehen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1153"/>
        <source>the LSP asks %1 sat, above the %2 sat accepted</source>
        <translation>der LSP verlangt %1 sat, mehr als die akzeptierten %2 sat</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1156"/>
        <source>the order&apos;s invoice asks %1 msat, not the order&apos;s total of %2 sat</source>
        <translation>die Rechnung der Bestellung verlangt %1 msat, nicht die Summe der Bestellung von %2 sat</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1159"/>
        <source>the order&apos;s payment went from %1 back to %2</source>
        <translation>die Zahlung der Bestellung ging von %1 zurück zu %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1157"/>
        <source>the order went from %1 to %2</source>
        <translation>die Bestellung ging von %1 zu %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1158"/>
        <source>%1 is above %2</source>
        <translation>%1 liegt über %2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1161"/>
        <source>the order&apos;s %1 is not what was asked</source>
        <translation>%1 der Bestellung ist nicht, was verlangt wurde</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1163"/>
        <source>an order whose payment is %1 must be FAILED</source>
        <translation>eine Bestellung, deren Zahlung %1 ist, muss FAILED sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1164"/>
        <source>a FAILED order cannot keep the payment (%1)</source>
        <translation>eine FAILED-Bestellung kann die Zahlung nicht behalten (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1171"/>
        <source>the funding transaction does not have the given txid</source>
        <translation>die Finanzierungstransaktion hat nicht die angegebene txid</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1172"/>
        <source>the funding transaction has no such output</source>
        <translation>die Finanzierungstransaktion hat keinen solchen Ausgang</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1173"/>
        <source>the funding output does not pay the channel amount to the 2-of-2</source>
        <translation>der Finanzierungsausgang zahlt den Kanalbetrag nicht an das 2-von-2</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1174"/>
        <source>the funding transaction must spend segwit inputs only</source>
        <translation>die Finanzierungstransaktion darf nur SegWit-Eingänge ausgeben</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1175"/>
        <source>an announced channel cannot be an scid_alias channel</source>
        <translation>ein angekündigter Kanal kann kein scid_alias-Kanal sein</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1176"/>
        <source>a zero-conf channel must use option_scid_alias</source>
        <translation>ein Zero-Conf-Kanal muss option_scid_alias verwenden</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1177"/>
        <source>the peer does not support option_scid_alias</source>
        <translation>die Gegenstelle unterstützt option_scid_alias nicht</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1178"/>
        <source>the peer does not accept zero-conf channels (no option_zeroconf in its init)</source>
        <translation>die Gegenstelle nimmt keine Zero-Conf-Kanäle an (kein option_zeroconf in ihrem init)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1179"/>
        <source>an scid_alias channel needs a local alias in its Setup</source>
        <translation>ein scid_alias-Kanal braucht einen lokalen Alias in seinem Setup</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1180"/>
        <source>the peer does not support anchor channels</source>
        <translation>die Gegenstelle unterstützt keine Anchor-Kanäle</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/wallet_sentences.py" line="1181"/>
        <source>the funding transaction cannot be parsed</source>
        <translation>die Finanzierungstransaktion ist nicht lesbar</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../ui/qml/WelcomePage.qml" line="22"/>
        <source>Kite</source>
        <translation>Kite</translation>
    </message>
    <message>
        <location filename="../../ui/qml/WelcomePage.qml" line="28"/>
        <source>Bitcoin and Lightning, in your pocket.
Your keys, your coins.</source>
        <translation>Bitcoin und Lightning in Ihrer Tasche.
Ihre Schlüssel, Ihre Coins.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/WelcomePage.qml" line="38"/>
        <source>Create a new wallet</source>
        <translation>Neue Wallet erstellen</translation>
    </message>
    <message>
        <location filename="../../ui/qml/WelcomePage.qml" line="44"/>
        <source>I already have seed words</source>
        <translation>Ich habe schon Wiederherstellungswörter</translation>
    </message>
    <message>
        <location filename="../../ui/qml/WelcomePage.qml" line="51"/>
        <source>Hide advanced options</source>
        <translation>Erweiterte Optionen ausblenden</translation>
    </message>
    <message>
        <location filename="../../ui/qml/WelcomePage.qml" line="51"/>
        <source>Advanced</source>
        <translation>Erweitert</translation>
    </message>
    <message>
        <location filename="../../ui/qml/WelcomePage.qml" line="60"/>
        <source>Network</source>
        <translation>Netz</translation>
    </message>
    <message>
        <location filename="../../ui/qml/WelcomePage.qml" line="74"/>
        <source>Mainnet is real bitcoin. The others are for testing and hold no value.</source>
        <translation>Mainnet ist echtes Bitcoin. Die anderen Netze dienen zum Testen und haben keinen Wert.</translation>
    </message>
</context>
</TS>
