// The live viewer's paths. The page is /m/<meetingId> (the token follows in the fragment, which
// browsers never send); its built files live under /viewer/assets/, the `base` vite.config.ts
// gives the viewer pass.
export const ViewerRoutes = {
  pagePrefix: '/m/',
  assetsPrefix: '/viewer/assets/',
} as const;
