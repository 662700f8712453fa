#!/usr/bin/env python3
"""Writes an LFW-format pairs file with enough pairs per group to measure a false match rate near 0.1 %.

LFW View 1 has 40 pairs of two different women in pairsDevTest (73 in pairsDevTrain): too few to tell 1 in 1,000 from
0. This takes the people of cluster-identities.txt (LFW development people with >= 10 photos) whose photos are all in
one group of the groups file, and writes, per group, up to 30 same-person pairs per person and 10,000 random pairs of
two different people of that group (seeded: the same file every time). Use it with `kindred eval verify --groups`:

    python3 docs/bench/group-pairs.py ../shared/eval/lfw-dev > /tmp/group-pairs.txt
    java -jar target/kindred.jar --json eval verify --images ../shared/eval/lfw-dev/images \
        --pairs /tmp/group-pairs.txt --groups ../shared/eval/lfw-dev/gender.tsv

docs/decisions/0010-accuracy-by-group.md has the figures.
"""
import os
import random
import sys

SEED = 22                   # the number: any fixed seed, so that the file is the same every time
SAME_PER_PERSON = 30        # pairs: so that one person with 500 photos (George W. Bush) does not outweigh the rest
DIFFERENT_PER_GROUP = 10_000  # pairs: 10 false matches at FAR 0.1 %


def main(lfw):
    random.seed(SEED)
    group_of = {}
    for line in open(os.path.join(lfw, 'gender.tsv'), encoding='utf-8'):
        t = line.rstrip('\n').split('\t')
        if not line.startswith('#') and len(t) == 2:
            group_of[t[0]] = t[1]
    people = [l.strip() for l in open(os.path.join(lfw, 'cluster-identities.txt'), encoding='utf-8')
              if l.strip() and not l.startswith('#')]
    photos, by_group = {}, {}
    for p in people:
        files = sorted(f for f in os.listdir(os.path.join(lfw, 'images', p)) if f.endswith('.jpg'))
        groups = {group_of.get(f) for f in files}
        if len(groups) != 1 or None in groups:
            continue
        photos[p] = [int(f[-8:-4]) for f in files]
        by_group.setdefault(groups.pop(), []).append(p)
    same, different = [], []
    for group in sorted(by_group):
        members = by_group[group]
        for p in members:
            pairs = [(p, i, j) for k, i in enumerate(photos[p]) for j in photos[p][k + 1:]]
            random.shuffle(pairs)
            same += pairs[:SAME_PER_PERSON]
        seen = set()
        while len(seen) < DIFFERENT_PER_GROUP:
            a, b = random.sample(members, 2)
            seen.add((a, random.choice(photos[a]), b, random.choice(photos[b])))
        different += sorted(seen)
    print(len(same))
    for p, i, j in same:
        print(f'{p}\t{i}\t{j}')
    for a, i, b, j in different:
        print(f'{a}\t{i}\t{b}\t{j}')


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '../shared/eval/lfw-dev')
