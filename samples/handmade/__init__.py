"""Hand-made evaluation packets, independent of `samples.generator`.

Documents are hand-written HTML/CSS (Jinja2) templates rendered by headless Chromium in the
AR PL SungtiL GB / KaitiM GB fonts, then degraded by a small scan model of our own (`scan.py`).
Values are written by hand per packet (`specs.py`). `python -m samples.handmade` rebuilds
`samples/handmade/packets/` deterministically; the truth.json format is the generator's.
"""
