// Connects Zerodha's official KiteTicker to ROOT (the simulator), subscribes the given tokens in
// their modes, and prints every tick the official client decodes as one JSON line.
// usage: node print-ticks.js ROOT SECONDS full:408065,256265 ltp:2953217
const { KiteTicker } = require("kiteconnect");
const [root, seconds, ...groups] = process.argv.slice(2);
const ticker = new KiteTicker({ api_key: "sim_api_key", access_token: "sim_access_token", root });
const modes = groups.map(g => { const [mode, list] = g.split(":"); return { mode, tokens: list.split(",").map(Number) }; });
ticker.on("ticks", ticks => { for (const t of ticks) process.stdout.write(JSON.stringify(t) + "\n"); });
ticker.on("connect", () => {
  ticker.subscribe(modes.flatMap(m => m.tokens));
  for (const m of modes) ticker.setMode(m.mode, m.tokens);
});
ticker.on("error", e => { process.stderr.write("error " + e + "\n"); process.exit(2); });
ticker.connect();
setTimeout(() => { ticker.disconnect(); process.exit(0); }, Number(seconds) * 1000);
