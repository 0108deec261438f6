"""Seismic (pyseismic-lsr) on the vectors and queries `bench query --shape topical` writes.

Reads documents and queries from little-endian files of records (int32 n, n int32 term ids,
n float32 weights), builds one Seismic index, then for each search configuration runs the warm-up
queries and times the measured ones with batch_search on one thread. Writes one JSON line per
configuration: query_cut, heap_factor, qps, and the top-k document numbers of every measured query.
"""
import argparse
import json
import time

import numpy as np
from seismic import SeismicDataset, SeismicIndex, get_seismic_string


def read_vectors(path):
    data = np.fromfile(path, dtype="<i4")
    vectors = []
    at = 0
    while at < len(data):
        n = int(data[at])
        ids = data[at + 1:at + 1 + n]
        weights = data[at + 1 + n:at + 1 + 2 * n].view("<f4")
        vectors.append((ids, weights))
        at += 1 + 2 * n
    return vectors


def tokens(ids):
    return np.array([str(i) for i in ids], dtype=get_seismic_string())


def batch(vectors):
    ids = np.array([str(q) for q in range(len(vectors))], dtype=get_seismic_string())
    return ids, [tokens(v[0]) for v in vectors], [np.asarray(v[1], dtype=np.float32) for v in vectors]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", required=True)
    parser.add_argument("--queries", required=True)
    parser.add_argument("--warmup", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--n-postings", type=int, required=True)
    parser.add_argument("--configs", required=True, help="query_cut:heap_factor,...")
    args = parser.parse_args()

    dataset = SeismicDataset()
    for number, (ids, weights) in enumerate(read_vectors(args.docs)):
        dataset.add_document(str(number), tokens(ids), np.asarray(weights, dtype=np.float32))
    started = time.perf_counter()
    index = SeismicIndex.build_from_dataset(dataset, n_postings=args.n_postings, centroid_fraction=0.1,
                                            summary_energy=0.4, min_cluster_size=2)
    print(f"seismic build: {time.perf_counter() - started:.1f} s, {index.len} documents", flush=True)
    queries = batch(read_vectors(args.queries))
    warmup = batch(read_vectors(args.warmup))
    with open(args.out, "w") as out:
        for config in args.configs.split(","):
            cut, heap = config.split(":")
            cut, heap = int(cut), float(heap)
            index.batch_search(*warmup, k=args.k, query_cut=cut, heap_factor=heap, num_threads=1)
            started = time.perf_counter()
            results = index.batch_search(*queries, k=args.k, query_cut=cut, heap_factor=heap, num_threads=1)
            seconds = time.perf_counter() - started
            # Each hit carries its query's id; the result lists need not come back in query order.
            by_query = {}
            for r in results:
                for query_id, score, doc in r:
                    by_query.setdefault(int(query_id), []).append((score, int(doc)))
            hits = [[doc for _, doc in sorted(by_query.get(q, []), key=lambda hit: -hit[0])] for q in range(len(queries[0]))]
            out.write(json.dumps({"query_cut": cut, "heap_factor": heap, "qps": len(hits) / seconds, "hits": hits}) + "\n")
            print(f"seismic query_cut {cut} heap_factor {heap}: {len(hits) / seconds:.1f} qps", flush=True)


if __name__ == "__main__":
    main()
