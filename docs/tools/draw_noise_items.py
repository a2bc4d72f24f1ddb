#!/usr/bin/env python3
"""Draws fresh items for engine/src/main/resources/speech/noise-eval.tsv (issue 20's noise set).

Composes answers a debtor gives from the Asterisk core sounds under digits/ (a real human voice):
amounts up to 4,999 dollars (a fifth with a weekday, a tenth with today/tomorrow), dates (month and
day, 40 % with a weekday, a tenth relative days), 4-6 digit unit numbers. Skips any composition
already in the set. Prints TSV rows (id, split, kind, files, reference) to append.

    python3 docs/tools/draw_noise_items.py --seed 20261203 --split held3 --first 304 \
        --amounts 40 --dates 40 --digits 24
"""
import argparse
import random

ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
TENS = {20: "twenty", 30: "thirty", 40: "forty", 50: "fifty", 60: "sixty", 70: "seventy", 80: "eighty", 90: "ninety"}
ORDINALS = "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split()
WEEKDAYS = "sunday monday tuesday wednesday thursday friday saturday".split()  # day-0 .. day-6
MONTHS = "january february march april may june july august september october november december".split()
MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def below_hundred(n):
    """Files and words of 1..99."""
    if n < 20:
        return [f"digits/{n}"], [ONES[n]]
    tens, unit = n - n % 10, n % 10
    files, words = [f"digits/{tens}"], [TENS[tens]]
    if unit:
        files.append(f"digits/{unit}")
        words.append(ONES[unit])
    return files, words


def amount(n):
    files, words = [], []
    if n >= 1000:
        files += [f"digits/{n // 1000}", "digits/thousand"]
        words += [ONES[n // 1000], "thousand"]
        n %= 1000
    if n >= 100:
        files += [f"digits/{n // 100}", "digits/hundred"]
        words += [ONES[n // 100], "hundred"]
        n %= 100
    if n:
        f, w = below_hundred(n)
        files += f
        words += w
    return files + ["digits/dollars"], words + ["dollars"]


def day_of_month(d):
    if d <= 20:
        return [f"digits/h-{d}"], [ORDINALS[d - 1]]
    if d == 30:
        return ["digits/h-30"], ["thirtieth"]
    tens, unit = d - d % 10, d % 10
    return [f"digits/{tens}", f"digits/h-{unit}"], [TENS[tens], ORDINALS[unit - 1]]


def weekday(r):
    i = r.randrange(7)
    return [f"digits/day-{i}"], [WEEKDAYS[i]]


def draw_amount(r):
    shape = r.random()
    if shape < 0.15:
        n = r.randint(10, 99)
    elif shape < 0.45:
        n = r.randint(1, 49) * 100
    elif shape < 0.65:
        n = r.randint(10, 499) * 10
    else:
        n = r.randint(100, 4999)
    files, words = amount(n)
    extra = r.random()
    if extra < 0.2:
        f, w = weekday(r)
        files, words = files + f, words + w
    elif extra < 0.3:
        day = r.choice(["today", "tomorrow"])
        files, words = files + [f"digits/{day}"], words + [day]
    return files, words


def draw_date(r):
    if r.random() < 0.1:
        day = r.choice(["today", "tomorrow"])
        files, words = [f"digits/{day}"], [day]
        if r.random() < 0.5:
            f, w = weekday(r)
            files, words = files + f, words + w
        return files, words
    m = r.randrange(12)
    files, words = day_of_month(r.randint(1, MONTH_DAYS[m]))
    files, words = [f"digits/mon-{m}"] + files, [MONTHS[m]] + words
    if r.random() < 0.4:
        f, w = weekday(r)
        files, words = f + files, w + words
    return files, words


def draw_digits(r):
    ds = [r.randrange(10) for _ in range(r.randint(4, 6))]
    return [f"digits/{d}" for d in ds], [ONES[d] for d in ds]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--split", required=True)
    p.add_argument("--first", type=int, required=True)
    p.add_argument("--amounts", type=int, default=40)
    p.add_argument("--dates", type=int, default=40)
    p.add_argument("--digits", type=int, default=24)
    p.add_argument("--tsv", default="engine/src/main/resources/speech/noise-eval.tsv")
    a = p.parse_args()
    seen = set()
    for line in open(a.tsv, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        seen.add(line.split("\t")[3])
    r = random.Random(a.seed)
    n = a.first
    for kind, count, draw in (("amount", a.amounts, draw_amount), ("date", a.dates, draw_date),
                              ("digits", a.digits, draw_digits)):
        made = 0
        while made < count:
            files, words = draw(r)
            key = " ".join(files)
            if key in seen:
                continue
            seen.add(key)
            print(f"{kind}-{n:03d}\t{a.split}\t{kind}\t{key}\t{' '.join(words)}")
            n += 1
            made += 1


if __name__ == "__main__":
    main()
