import { createApp } from 'vue'
// Component styles come with each component (vite.config.ts); these are used from script, not templates.
import 'element-plus/es/components/base/style/css'
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import 'element-plus/es/components/loading/style/css'
import App from './App.vue'
// After the components, so that the house style wins over their stylesheets.
import './styles.css'

createApp(App).mount('#app')
