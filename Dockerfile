# packetcheck service image: the same install as scripts/run.sh, with `packetcheck serve` as command.
FROM python:3.11-slim-bookworm

RUN apt-get update \
 && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-chi-sim fonts-noto-cjk \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt requirements-nodeps.txt ./
RUN pip install --no-cache-dir -r requirements.txt \
 && pip install --no-cache-dir --no-deps -r requirements-nodeps.txt
COPY pyproject.toml README.md ./
COPY extractor extractor
COPY schemas schemas
COPY service service
COPY samples samples
RUN pip install --no-cache-dir --no-deps .

ENV PACKETCHECK_DATA_DIR=/data
VOLUME /data
EXPOSE 8000
CMD ["packetcheck", "serve", "--host", "0.0.0.0", "--port", "8000"]
