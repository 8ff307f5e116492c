// As `npm create nuxt` writes it, without devtools (they fetch from the internet).
export default defineNuxtConfig({
  compatibilityDate: "2025-07-15",
  devtools: { enabled: false },
});
