#!/usr/bin/env node
/*
 * Kite devnet: a bcoin full node on regtest, made to look like Bitcoin Core's regtest to
 * ElectrumX. This is the whole adapter between the two; it changes no consensus code.
 *
 * 1. Chain parameters (set before bcoin builds its Network object): Core's regtest address
 *    prefixes (bcrt, m/n, 2, cN keys, tpub) and BIP34/65/66 from height 1; CSV and segwit go
 *    through real BIP9 signalling with a one-block window, so they are ACTIVE from height 3
 *    (stock bcoin regtest: segwit and CSV from 432, CLTV from 1351).
 * 2. RPC methods ElectrumX needs that bcoin lacks or answers differently: getindexinfo,
 *    a numeric getnetworkinfo.version, estimatesmartfee with a `feerate` the devnet sets via
 *    setfeeestimate, getmempoolinfo's relay fee fields, and a sendrawtransaction that
 *    REJECTS what the mempool refuses (with the mempool's reason) instead of relaying blindly
 *    and keeping transactions with missing inputs as orphans, and that replaces conflicting
 *    mempool transactions by fee as Core does (bcoin 1.0.2 has no replacement).
 *    `reorg` replaces the last blocks with a longer branch, dropping chosen transactions (see
 *    reorgChain below; for it the pool's resync on a chain reset is skipped: no peers).
 * 3. JSON replies say `Content-Type: application/json` (ElectrumX compares it exactly).
 * 4. Watchdog: the parent holds our stdin; when it closes (the parent exited or was killed)
 *    the node shuts down.
 * 5. --buried-deployments (ours, not bcoin's): CSV and segwit ACTIVE from the genesis block,
 *    as in Bitcoin Core's regtest, so blocks made for Core's regtest (a witness commitment
 *    at height 1: lnprototest's chain) are accepted.
 *
 * Every other argument is passed to bcoin's own option parser (e.g. --http-port, --api-key).
 */

'use strict';

const path = require('path');

const bcoinDir = path.dirname(require.resolve('bcoin/package.json'));
const fromBcoin = name => require(require.resolve(name, {paths: [bcoinDir]}));

// -- 1. chain parameters --------------------------------------------------------------------

const networks = require('bcoin/lib/protocol/networks');
const regtest = networks.regtest;

regtest.keyPrefix = Object.assign({}, regtest.keyPrefix, {
  privkey: 0xef,
  xpubkey: 0x043587cf,
  xprivkey: 0x04358394,
  xpubkey58: 'tpub',
  xprivkey58: 'tprv'
});
regtest.addressPrefix = Object.assign({}, regtest.addressPrefix, {
  pubkeyhash: 0x6f,
  scripthash: 0xc4,
  bech32: 'bcrt'
});
regtest.block = Object.assign({}, regtest.block, {
  bip34height: 1,
  bip65height: 1,
  bip66height: 1
});
// 5. consumed here, before bcoin's own option parser reads process.argv
const BURIED_FLAG = '--buried-deployments';
const buriedDeployments = process.argv.includes(BURIED_FLAG);
process.argv = process.argv.filter(arg => arg !== BURIED_FLAG);

for (const name of ['csv', 'segwit']) {
  // BIP9 with a one-block window: STARTED at 1, LOCKED_IN at 2, ACTIVE from 3.
  Object.assign(regtest.deployments[name], {startTime: 0, window: 1, threshold: 1});
}

// -- the node -------------------------------------------------------------------------------

const FullNode = require('bcoin/lib/node/fullnode');
const {RPCError} = fromBcoin('bweb');
const Response = fromBcoin('bweb/lib/response');
const Amount = require('bcoin/lib/btc/amount');
const TX = require('bcoin/lib/primitives/tx');
const Script = require('bcoin/lib/script/script');
const Address = require('bcoin/lib/primitives/address');

// -- 3. plain JSON content type -------------------------------------------------------------

const setType = Response.prototype.setType;
Response.prototype.setType = function(type) {
  if (type === 'json')
    return this.setHeader('Content-Type', 'application/json');
  return setType.call(this, type);
};

const node = new FullNode({
  config: false,
  argv: true,
  env: false,
  network: 'regtest',
  memory: true,
  workers: false,
  listen: false,
  noWallet: true,
  indexTX: true,
  indexAddress: true,
  httpHost: '127.0.0.1',
  logConsole: true,
  logFile: false,
  logLevel: 'info'
});

// The devnet has no peers. On a chain reset (what bcoin's invalidateblock does) the pool
// asks its peers to resync and throws "Pool is not connected!", and that throw keeps the
// mempool from hearing of the reset, so the miner then refuses to build on the new tip.
const forceSync = node.pool.forceSync;
node.pool.forceSync = function() {
  if (!this.connected)
    return;
  forceSync.call(this);
};

if (buriedDeployments) {
  const {thresholdStates} = require('bcoin/lib/blockchain/common');
  const getState = node.chain.getState;
  node.chain.getState = async function(prev, deployment) {
    if (deployment.name === 'csv' || deployment.name === 'segwit')
      return thresholdStates.ACTIVE;
    return getState.call(this, prev, deployment);
  };
}

// -- 2. RPC methods -------------------------------------------------------------------------

// Bitcoin Core's RPC error codes.
const RPC_MISC_ERROR = -1;
const RPC_INVALID_PARAMETER = -8;
const RPC_DESERIALIZATION_ERROR = -22;
const RPC_VERIFY_ERROR = -25;
const RPC_VERIFY_REJECTED = -26;
const RPC_VERIFY_ALREADY_IN_CHAIN = -27;

// The version ElectrumX is told: it wants Bitcoin Core 31.0 or newer.
const CORE_VERSION = 310000;

let feeRateSatPerKvB = null; // set by setfeeestimate; null: no estimate

function override(rpc, name, handler) {
  rpc.calls[name] = handler;
}

function scriptFailure(tx, view) {
  // The mempool reports only "(non-)mandatory-script-verify-flag"; find the script error.
  try {
    tx.check(view, Script.flags.STANDARD_VERIFY_FLAGS);
  } catch (e) {
    if (e.type === 'ScriptError')
      return e.message;
    throw e;
  }
  return null;
}

// Replacement (BIP 125 rules, without requiring the signal: "full RBF" as in Core 28+).
// bcoin 1.0.2 refuses every conflicting transaction; Core replaces when the newcomer pays
// for everything it evicts plus its own relay, at a higher feerate than what it replaces.
const MAX_REPLACED = 100;

async function replacementVerdict(tx) {
  const mempool = node.mempool;
  const conflicts = new Map();
  for (const {prevout} of tx.inputs) {
    const entry = mempool.getSpent(prevout.hash, prevout.index);
    if (entry)
      conflicts.set(entry.hash('hex'), entry);
  }
  const evicted = new Map(conflicts);
  for (const entry of conflicts.values()) {
    for (const child of mempool.getDescendants(entry))
      evicted.set(child.hash('hex'), child);
  }
  if (evicted.size > MAX_REPLACED)
    return {reason: `too many potential replacements (${evicted.size} > ${MAX_REPLACED})`};

  const view = await mempool.getCoinView(tx);
  const oldParents = new Set();
  for (const entry of conflicts.values()) {
    for (const {prevout} of entry.tx.inputs)
      oldParents.add(prevout.hash);
  }
  for (const {prevout} of tx.inputs) {
    if (!view.hasEntry(prevout))
      return {reason: 'bad-txns-inputs-missingorspent (missing inputs)'};
    if (evicted.has(prevout.hash))
      return {reason: 'bad-txns-spends-conflicting-tx'};
    if (mempool.hasEntry(prevout.hash) && !oldParents.has(prevout.hash))
      return {reason: 'replacement-adds-unconfirmed'};
  }
  const fee = tx.getFee(view);
  const vsize = tx.getVirtualSize();
  const rate = fee * 1000 / vsize;
  for (const entry of conflicts.values()) {
    if (rate <= entry.fee * 1000 / entry.size)
      return {reason: 'insufficient fee (replacement feerate not above the original\'s)'};
  }
  let evictedFees = 0;
  for (const entry of evicted.values())
    evictedFees += entry.fee;
  const relay = Math.ceil(node.mempool.options.minRelay * vsize / 1000);
  if (fee < evictedFees + relay)
    return {reason: `insufficient fee (pays ${fee} sat, replacing needs ${evictedFees + relay})`};
  return {conflicts: [...conflicts.values()], evicted: [...evicted.values()]};
}

async function replaceInMempool(tx) {
  const mempool = node.mempool;
  const verdict = await replacementVerdict(tx);
  if (verdict.reason)
    throw new RPCError(RPC_VERIFY_REJECTED, verdict.reason);
  for (const entry of verdict.conflicts) {
    if (mempool.hasEntry(entry.hash('hex')))
      mempool.evictEntry(entry); // with its descendants
  }
  try {
    await acceptToMempool(tx, false);
  } catch (err) {
    // The replacement failed some other rule: put back what it would have replaced.
    for (const entry of verdict.evicted) {
      try {
        await mempool.addTX(entry.tx);
      } catch (e) {
        console.error(`kite-devnet: could not restore ${entry.txid()}: ${e.message}`);
      }
    }
    throw err;
  }
}

async function acceptToMempool(tx, mayReplace = true) {
  const mempool = node.mempool;
  let missing;
  try {
    missing = await mempool.addTX(tx);
  } catch (err) {
    if (err.type !== 'VerifyError')
      throw err;
    let reason = err.reason;
    if (reason === 'bad-txns-inputs-spent' && mayReplace)
      return replaceInMempool(tx);
    if (/script-verify-flag/.test(reason)) {
      const detail = scriptFailure(tx, await mempool.getCoinView(tx));
      if (detail)
        reason = `${reason} (${detail})`;
    }
    if (reason === 'txn-already-in-mempool')
      return; // as Core: sending it again is not an error
    if (reason === 'txn-already-known')
      throw new RPCError(RPC_VERIFY_ALREADY_IN_CHAIN, 'transaction already in block chain');
    throw new RPCError(RPC_VERIFY_REJECTED, reason);
  }
  if (missing) {
    // bcoin keeps such a transaction as an orphan; Core refuses it, and so do we.
    mempool.removeOrphan(tx.hash('hex'));
    throw new RPCError(RPC_VERIFY_ERROR, 'bad-txns-inputs-missingorspent (missing inputs)');
  }
}

// -- reorganisation ---------------------------------------------------------------------------

// bcoin's invalidateblock deletes the blocks above the fork and empties the mempool (it is a
// chain reset, not Core's disconnect-and-keep). A real reorg puts the disconnected blocks'
// transactions back into the mempool, so we do that by hand, in dependency order, leaving
// out the transactions asked to be dropped and everything that spends them; then we mine the
// replacement branch, which includes whatever went back into the mempool.

function revHex(hex) {
  return Buffer.from(hex, 'hex').reverse().toString('hex');
}

function inDependencyOrder(txs) {
  // Parents before children (mempool iteration order promises nothing).
  const byHash = new Map(txs.map(tx => [tx.hash('hex'), tx]));
  const done = new Set();
  const out = [];
  const visit = (tx) => {
    const hash = tx.hash('hex');
    if (done.has(hash))
      return;
    done.add(hash);
    for (const {prevout} of tx.inputs) {
      const parent = byHash.get(prevout.hash);
      if (parent)
        visit(parent);
    }
    out.push(tx);
  };
  for (const tx of txs)
    visit(tx);
  return out;
}

async function reorgChain(depth, blocks, address, dropTxids) {
  // Hold the RPC's mining lock throughout, so no generatetoaddress lands mid-reorg.
  const unlock = await node.rpc.locker.lock();
  try {
    return await reorgLocked(depth, blocks, address, dropTxids);
  } finally {
    unlock();
  }
}

async function reorgLocked(depth, blocks, address, dropTxids) {
  const chain = node.chain;
  const mempool = node.mempool;
  const first = chain.height - depth + 1;
  if (first < 1)
    throw new RPCError(RPC_INVALID_PARAMETER, `cannot replace ${depth} blocks of a chain ` +
      `at height ${chain.height}`);
  const candidates = []; // what the mempool should hold after the reorg, in order
  for (let height = first; height <= chain.height; height++) {
    const entry = await chain.getEntry(height);
    const block = await chain.getBlock(entry.hash);
    candidates.push(...block.txs.slice(1)); // not the coinbase: it goes with its block
  }
  const pending = [...mempool.map.values()].map(entry => entry.tx);
  candidates.push(...inDependencyOrder(pending));
  const known = new Set(candidates.map(tx => tx.hash('hex')));
  const dropped = new Set();
  for (const txid of dropTxids) {
    const hash = revHex(txid);
    if (!known.has(hash))
      throw new RPCError(RPC_INVALID_PARAMETER, `transaction ${txid} is neither in the last ` +
        `${depth} blocks nor in the mempool`);
    dropped.add(hash);
  }

  const forkHash = (await chain.getEntry(first)).hash;
  await chain.invalidate(forkHash);

  const result = {fork_height: first, dropped: [], readded: [], lost: [], hashes: []};
  for (const tx of candidates) {
    const hash = tx.hash('hex');
    if (dropped.has(hash) || tx.inputs.some(({prevout}) => dropped.has(prevout.hash))) {
      dropped.add(hash); // a descendant of a dropped transaction goes too
      result.dropped.push({txid: tx.txid(), hex: tx.toRaw().toString('hex')});
      continue;
    }
    let reason = null;
    try {
      const missing = await mempool.addTX(tx);
      if (missing) {
        mempool.removeOrphan(hash);
        reason = 'missing inputs';
      }
    } catch (err) {
      if (err.type !== 'VerifyError')
        throw err;
      reason = err.reason;
    }
    const info = {txid: tx.txid(), hex: tx.toRaw().toString('hex')};
    if (reason === null)
      result.readded.push(info);
    else // e.g. it spent a coinbase of a replaced block: Core loses it the same way
      result.lost.push(Object.assign(info, {reason}));
  }
  result.hashes = await node.rpc._mineBlocks(blocks, address); // the lock is ours
  for (const info of result.readded) {
    // Where it is now: the height of its block in the new branch, or 0 in the mempool.
    const meta = await node.getMeta(revHex(info.txid));
    info.height = meta && meta.height > 0 ? meta.height : 0;
  }
  return result;
}

function installAdapter(rpc) {
  // ElectrumX refuses to start without both indexes. bcoin's tx index (--index-tx) is
  // real; it has no spender index, which ElectrumX uses only for protocol 1.7's
  // blockchain.outpoint.subscribe (via gettxspendingprevout, not provided here).
  rpc.add('getindexinfo', async () => {
    const synced = {synced: true, best_block_height: node.chain.height};
    return {txindex: synced, txospenderindex: synced};
  });

  const getNetworkInfo = rpc.calls.getnetworkinfo;
  override(rpc, 'getnetworkinfo', async function(args, help) {
    const info = await getNetworkInfo.call(this, args, help);
    return Object.assign(info, {version: CORE_VERSION, bcoinversion: info.version});
  });

  const getMempoolInfo = rpc.calls.getmempoolinfo;
  override(rpc, 'getmempoolinfo', async function(args, help) {
    const info = await getMempoolInfo.call(this, args, help);
    const minRelay = Amount.btc(node.mempool.options.minRelay, true);
    return Object.assign(info, {minrelaytxfee: minRelay, incrementalrelayfee: minRelay});
  });

  override(rpc, 'estimatesmartfee', async (args) => {
    if (!Array.isArray(args) || args.length < 1 || args.length > 2)
      throw new RPCError(RPC_MISC_ERROR, 'estimatesmartfee conf_target ( estimate_mode )');
    const blocks = Number(args[0]);
    if (!Number.isInteger(blocks) || blocks < 1)
      throw new RPCError(RPC_INVALID_PARAMETER, 'Invalid conf_target');
    if (feeRateSatPerKvB === null)
      return {errors: ['Insufficient data or no feerate found'], blocks};
    return {feerate: Amount.btc(feeRateSatPerKvB, true), blocks};
  });

  rpc.add('setfeeestimate', async (args) => {
    // setfeeestimate sat_per_vbyte (a number >= 0), or null to have no estimate again.
    if (!Array.isArray(args) || args.length !== 1)
      throw new RPCError(RPC_MISC_ERROR, 'setfeeestimate sat_per_vbyte|null');
    const rate = args[0];
    if (rate === null) {
      feeRateSatPerKvB = null;
      return null;
    }
    if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0)
      throw new RPCError(RPC_INVALID_PARAMETER, 'sat_per_vbyte must be a number >= 0');
    feeRateSatPerKvB = Math.round(rate * 1000);
    return Amount.btc(feeRateSatPerKvB, true);
  });

  rpc.add('reorg', async (args) => {
    // reorg depth blocks address [txid, ...]: replace the last `depth` blocks with `blocks`
    // new ones mined to `address`, leaving out the listed transactions and their spenders.
    if (!Array.isArray(args) || args.length < 3 || args.length > 4)
      throw new RPCError(RPC_MISC_ERROR, 'reorg depth blocks "address" ( ["txid",...] )');
    const [depth, blocks, addr, drop = []] = args;
    if (!Number.isInteger(depth) || depth < 1)
      throw new RPCError(RPC_INVALID_PARAMETER, 'depth must be a whole number >= 1');
    if (!Number.isInteger(blocks) || blocks <= depth)
      throw new RPCError(RPC_INVALID_PARAMETER, 'blocks must exceed depth (the new branch ' +
        'must have more work)');
    let address;
    try {
      address = Address.fromString(String(addr), node.network);
    } catch (e) {
      throw new RPCError(RPC_INVALID_PARAMETER, 'Invalid address.');
    }
    if (!Array.isArray(drop) || !drop.every(t => typeof t === 'string' && /^[0-9a-f]{64}$/.test(t)))
      throw new RPCError(RPC_INVALID_PARAMETER, 'txids must be 64 lowercase hex characters');
    return reorgChain(depth, blocks, address, drop);
  });

  override(rpc, 'sendrawtransaction', async (args) => {
    if (!Array.isArray(args) || args.length < 1 || args.length > 3)
      throw new RPCError(RPC_MISC_ERROR, 'sendrawtransaction "hexstring"');
    const hex = args[0];
    if (typeof hex !== 'string' || !/^([0-9a-fA-F]{2})+$/.test(hex))
      throw new RPCError(RPC_DESERIALIZATION_ERROR, 'TX decode failed');
    let tx;
    try {
      tx = TX.fromRaw(Buffer.from(hex, 'hex'));
    } catch (e) {
      throw new RPCError(RPC_DESERIALIZATION_ERROR, 'TX decode failed');
    }
    await acceptToMempool(tx);
    return tx.txid();
  });
}

// -- 4. watchdog and shutdown ---------------------------------------------------------------

let closing = false;
async function shutdown(code) {
  if (closing)
    return;
  closing = true;
  try {
    await node.close();
  } catch (e) {
    console.error(e.stack);
  }
  process.exit(code);
}

process.stdin.on('end', () => shutdown(0));
process.stdin.on('error', () => shutdown(0));
process.stdin.resume();
process.on('SIGTERM', () => shutdown(0));
process.on('SIGINT', () => shutdown(0));
process.on('unhandledRejection', (err) => {
  console.error(err && err.stack ? err.stack : err);
  process.exit(1);
});

(async () => {
  installAdapter(node.rpc);
  await node.ensure();
  await node.open();
  // No pool.connect(): the devnet has no peers; blocks come from generatetoaddress.
  console.log(`kite-devnet: ready at height ${node.chain.height}`);
})().catch((err) => {
  console.error(err.stack);
  process.exit(1);
});
