// LangGraph.js's SQLite checkpointer, step by step: a graph of one node that loops on itself STEPS times in one
// invoke, its node returning a fixed string, checkpointed by SqliteSaver into a new file with synchronous=FULL (the
// durability of Orch's run store). Prints one JSON line per round: {"steps": N, "ms": wall time of the invoke}.
//   node checkpoint.mjs STEPS ROUNDS FOLDER
import { Annotation, END, START, StateGraph } from "@langchain/langgraph";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import { join } from "node:path";

const [steps, rounds, folder] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4]];
const State = Annotation.Root({
  count: Annotation({ reducer: (_, b) => b, default: () => 0 }),
  reply: Annotation({ reducer: (_, b) => b, default: () => "" }),
});
const graph = new StateGraph(State)
  .addNode("call", (s) => ({ count: s.count + 1, reply: "ok" }))
  .addEdge(START, "call")
  .addConditionalEdges("call", (s) => (s.count < steps ? "call" : END));

for (let round = 0; round < rounds; round++) {
  const saver = SqliteSaver.fromConnString(join(folder, `checkpoints-${process.pid}-${round}.sqlite`));
  saver.db.pragma("journal_mode = WAL");
  saver.db.pragma("synchronous = FULL");
  const synchronous = saver.db.pragma("synchronous", { simple: true });
  if (synchronous !== 2) throw new Error(`synchronous is ${synchronous}, not FULL (2)`);
  const app = graph.compile({ checkpointer: saver });
  const start = process.hrtime.bigint();
  const out = await app.invoke({ count: 0 }, { configurable: { thread_id: "bench" }, recursionLimit: steps + 10 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (out.count !== steps) throw new Error(`ran ${out.count} steps, not ${steps}`);
  const rows = saver.db.prepare("select count(*) as n from checkpoints").get().n;
  console.log(JSON.stringify({ steps, ms, checkpoints: rows }));
  saver.db.close();
}
