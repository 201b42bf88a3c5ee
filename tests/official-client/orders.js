// Drives Zerodha's official KiteConnect REST client and KiteTicker against REST and WS roots (the
// simulator): places a market order and a limit order, modifies and cancels the limit, reads the
// order book, an order's history, trades and positions, and a refused order; prints one JSON line
// per step and every order update the ticker delivers.
// usage: node orders.js REST_ROOT WS_ROOT LIMIT_PRICE MODIFIED_PRICE
const { KiteConnect, KiteTicker } = require("kiteconnect");
const [rest, ws, limitPrice, modifiedPrice] = process.argv.slice(2);
const out = o => process.stdout.write(JSON.stringify(o) + "\n");
const kc = new KiteConnect({ api_key: "sim_api_key", root: rest.replace(/\/$/, "") });
kc.setAccessToken("sim_access_token");
const ticker = new KiteTicker({ api_key: "sim_api_key", access_token: "sim_access_token", root: ws });
const sleep = ms => new Promise(r => setTimeout(r, ms));
ticker.on("order_update", u => out({ step: "order_update", order_id: u.order_id, status: u.status, tag: u.tag, filled_quantity: u.filled_quantity }));
ticker.on("error", e => { process.stderr.write("ticker error " + e + "\n"); process.exit(2); });
ticker.on("connect", async () => {
  try {
    const base = { exchange: "NSE", tradingsymbol: "INFY", product: "MIS", quantity: 2 };
    const market = await kc.placeOrder("regular", { ...base, transaction_type: "BUY", order_type: "MARKET", market_protection: -1, tag: "jsmarket" });
    out({ step: "placed_market", order_id: market.order_id });
    const limit = await kc.placeOrder("regular", { ...base, transaction_type: "BUY", order_type: "LIMIT", price: Number(limitPrice), tag: "jslimit" });
    out({ step: "placed_limit", order_id: limit.order_id });
    const modified = await kc.modifyOrder("regular", limit.order_id, { price: Number(modifiedPrice) });
    out({ step: "modified", order_id: modified.order_id });
    const cancelled = await kc.cancelOrder("regular", limit.order_id);
    out({ step: "cancelled", order_id: cancelled.order_id });
    await sleep(300);
    const orders = await kc.getOrders();
    out({ step: "orders", orders: orders.map(o => ({ order_id: o.order_id, status: o.status, tag: o.tag, price: o.price, filled_quantity: o.filled_quantity, average_price: o.average_price })) });
    const history = await kc.getOrderHistory(limit.order_id);
    out({ step: "history", statuses: history.map(h => h.status) });
    const trades = await kc.getTrades();
    out({ step: "trades", trades: trades.map(t => ({ order_id: t.order_id, quantity: t.quantity, average_price: t.average_price })) });
    const positions = await kc.getPositions();
    out({ step: "positions", net: positions.net.map(p => ({ tradingsymbol: p.tradingsymbol, quantity: p.quantity, product: p.product })) });
    try {
      await kc.placeOrder("regular", { ...base, transaction_type: "BUY", order_type: "MARKET", market_protection: 0 });
      out({ step: "refused", error_type: null });
    } catch (e) {
      out({ step: "refused", error_type: e.error_type, message: e.message });
    }
    await sleep(500);
    ticker.disconnect();
    process.exit(0);
  } catch (e) {
    process.stderr.write("error " + JSON.stringify(e) + " " + e + "\n");
    process.exit(3);
  }
});
ticker.connect();
setTimeout(() => { process.stderr.write("timed out\n"); process.exit(4); }, 30000);
