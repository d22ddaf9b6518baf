# The same steps CI runs: install from the lockfile, build, start.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build
ENV HOST=0.0.0.0 PORT=4001 NODE_ENV=production
EXPOSE 4001
USER node
CMD ["node", "dist/src/server/main.js"]
