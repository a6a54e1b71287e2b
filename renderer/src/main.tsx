import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
// Base styles first, so each screen's own CSS wins ties.
import './styles.css'
import { App } from './App.js'
import { kiln } from './api/client.js'
import { KilnProvider } from './api/kiln-context.js'

const container = document.getElementById('root')
if (!container) throw new Error('index.html has no #root element')

createRoot(container).render(
  <StrictMode>
    <KilnProvider client={kiln}>
      <App />
    </KilnProvider>
  </StrictMode>
)
